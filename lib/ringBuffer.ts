/** A bounded, append-only buffer: the newest `capacity` items, oldest first. */
export class RingBuffer<T> {
  private items: T[] = [];
  constructor(private readonly capacity: number) {}

  push(...xs: T[]): void {
    this.items.push(...xs);
    // Trim in chunks so a hot append path does not shift the array on every push.
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
