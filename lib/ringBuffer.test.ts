import { describe, expect, it } from "vitest";
import { RingBuffer } from "./ringBuffer";

describe("RingBuffer", () => {
  it("keeps only the newest items, oldest first", () => {
    const b = new RingBuffer<number>(3);
    b.push(1, 2, 3, 4, 5);
    expect(b.toArray()).toEqual([3, 4, 5]);
    expect(b.size).toBe(3);
  });

  it("returns the newest run of items matching a predicate", () => {
    const b = new RingBuffer<number>(10);
    b.push(1, 5, 2, 6, 7);
    expect(b.since((x) => x > 4)).toEqual([6, 7]);
  });

  it("inserts by order: what comes late is found by since() with the items of its time", () => {
    const b = new RingBuffer<number>(10);
    b.insert([1, 2, 5, 6], (x) => x);
    b.insert([7, 4], (x) => x);
    expect(b.toArray()).toEqual([1, 2, 4, 5, 6, 7]);
    expect(b.since((x) => x >= 4)).toEqual([4, 5, 6, 7]);
  });

  it("never returns more than the capacity", () => {
    const b = new RingBuffer<number>(4);
    for (let i = 0; i < 5; i++) b.push(i);
    expect(b.since(() => true)).toEqual([1, 2, 3, 4]);
  });
});

describe("clear", () => {
  it("empties the buffer (a lab switch starts the timeline over)", () => {
    const b = new RingBuffer<number>(3);
    b.push(1, 2);
    b.clear();
    expect(b.toArray()).toEqual([]);
    b.push(3);
    expect(b.toArray()).toEqual([3]);
  });
});
