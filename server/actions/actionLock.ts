import type { Store } from "../store";

export class ActionError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** One destructive action at a time, across every browser and the HTTP API. */
export class ActionLock {
  private holder: string | null = null;

  constructor(private readonly store: Store) {}

  /** Takes the lock synchronously, so two requests in the same tick cannot both pass; returns its release. */
  acquire(what: string): () => void {
    if (this.holder) throw new ActionError(409, `another action is running: ${this.holder}`);
    this.holder = what;
    this.store.setBusy(true);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holder = null;
      this.store.setBusy(false);
    };
  }

  get busy(): string | null {
    return this.holder;
  }
}
