/**
 * How a lab's state travels: the change between two of its values, and that change applied. Methods, so a lab's
 * spec of its own state type stands in the definition's spec of every lab's (the core only ever hands a lab
 * its own state).
 */
export interface LabStateSpec<S extends { kind: string } = { kind: string }, C = unknown> {
  empty(): S;
  /** What turns `prev` into `next`, or null when nothing did. */
  diff(prev: S, next: S): C | null;
  /** Keeps the identity of what the change does not touch, so a panel of it need not redraw. */
  apply(state: S, change: C): S;
  /**
   * True when what the room watches did not move from `prev` to `next` (only detail behind it did), so the
   * browsers may get it a little later, with what follows. Without it every change goes at once.
   */
  canWait?(prev: S, next: S): boolean;
}
