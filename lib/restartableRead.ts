// A read that can be started over while its first attempt still waits: what a cluster-aware client does once it
// has learned a slot's new master, instead of waiting out a retry against the dead one. Pure: the attempts are
// functions the caller gives. The read settles with the newest attempt's answer, ok or error; an attempt that a
// newer one replaced is ignored, so a sample is what the client's latest try saw, never a mix.
export interface RestartableRead<T> {
  readonly promise: Promise<T>;
  /** Starts a new attempt (the older one's answer no longer counts); false once the read has settled. */
  restart(): boolean;
  readonly settled: boolean;
  /** How many attempts were started. */
  readonly attempts: number;
}

export function restartableRead<T>(attempt: () => Promise<T>): RestartableRead<T> {
  let current = 0;
  let settled = false;
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const run = () => {
    const mine = ++current;
    let p: Promise<T>;
    try {
      p = attempt();
    } catch (err) {
      p = Promise.reject(err);
    }
    p.then(
      (v) => {
        if (mine !== current || settled) return;
        settled = true;
        resolve(v);
      },
      (e) => {
        if (mine !== current || settled) return;
        settled = true;
        reject(e);
      },
    );
  };
  run();
  return {
    promise,
    restart() {
      if (settled) return false;
      run();
      return true;
    },
    get settled() {
      return settled;
    },
    get attempts() {
      return current;
    },
  };
}
