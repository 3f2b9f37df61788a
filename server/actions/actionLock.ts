import { ActionError } from "./actionError";
import type { BusyHolder as LockHolder } from "@/lib/protocol";
import type { Store } from "../store";

/** One destructive action at a time, across every browser and the HTTP API. */
export class ActionLock {
  private holder: LockHolder | null = null;

  constructor(private readonly store: Store) {}

  /** Takes the lock synchronously, so two requests in the same tick cannot both pass; returns its release. */
  acquire(what: LockHolder): () => void {
    if (this.holder) throw new ActionError(409, "busy", { ...this.holder });
    this.holder = what;
    this.store.setBusy(what);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holder = null;
      this.store.setBusy(null);
    };
  }

  get busy(): LockHolder | null {
    return this.holder;
  }
}
