import { insertSorted } from "./sortedInsert";

/** A bounded buffer, added to at the end: the newest `capacity` items, oldest first. */
export class RingBuffer<T> {
  private items: T[] = [];
  constructor(private readonly capacity: number) {}

  push(...xs: T[]): void {
    this.items.push(...xs);
    this.trim();
  }

  /** Adds `xs` in `order` (ascending): an item that comes late goes in before newer ones (lib/sortedInsert.ts). */
  insert(xs: readonly T[], order: (x: T) => number): void {
    for (const x of xs) insertSorted(this.items, x, order);
    this.trim();
  }

  private trim(): void {
    // In chunks, so a hot append path does not shift the array on every push.
    if (this.items.length > this.capacity * 1.25) this.items = this.items.slice(-this.capacity);
  }

  toArray(): T[] {
    return this.items.length > this.capacity ? this.items.slice(-this.capacity) : this.items.slice();
  }

  /** The newest consecutive items for which `pred` holds (e.g. everything after a time). */
  since(pred: (x: T) => boolean): T[] {
    let i = this.items.length;
    while (i > 0 && pred(this.items[i - 1])) i--;
    return this.items.slice(Math.max(i, this.items.length - this.capacity));
  }

  clear(): void {
    this.items = [];
  }

  get size(): number {
    return Math.min(this.items.length, this.capacity);
  }
}
