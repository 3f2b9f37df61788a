/**
 * A bound on how many short-lived connections are open at once. Where each connection is a tunnel through the
 * Kubernetes API server (port-forward), the probes' fresh connections must not pile up behind a slow tunnel: a
 * read that finds no free slot waits for one until its own deadline, as a client waiting for a connection would,
 * and then fails like a timeout.
 */
export class ConnectionSlots {
  private open = 0;
  private waiting: { grant: () => void; timer: ReturnType<typeof setTimeout> }[] = [];
  /** The most ever open at once, for tests and reports. */
  peak = 0;

  constructor(readonly max: number) {}

  /** Resolves with a release function once a slot is free; rejects with a timeout at `deadline` (ms epoch). */
  take(deadline: number): Promise<() => void> {
    if (this.open < this.max) return Promise.resolve(this.grant());
    return new Promise((resolve, reject) => {
      const entry = {
        grant: () => resolve(this.grant()),
        timer: setTimeout(
          () => {
            this.waiting = this.waiting.filter((w) => w !== entry);
            reject(new Error("Command timed out (no free connection)"));
          },
          Math.max(0, deadline - Date.now()),
        ),
      };
      this.waiting.push(entry);
    });
  }

  private grant(): () => void {
    this.open++;
    this.peak = Math.max(this.peak, this.open);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.open--;
      const next = this.waiting.shift();
      if (next) {
        clearTimeout(next.timer);
        next.grant();
      }
    };
  }
}
