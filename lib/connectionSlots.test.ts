import { afterEach, describe, expect, it, vi } from "vitest";
import { ConnectionSlots } from "./connectionSlots";

describe("ConnectionSlots", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("grants up to max at once, then hands a released slot to the first waiter", async () => {
    const slots = new ConnectionSlots(2);
    const a = await slots.take(Date.now() + 1000);
    await slots.take(Date.now() + 1000);
    let third = false;
    const p = slots.take(Date.now() + 1000).then((r) => ((third = true), r));
    await Promise.resolve();
    expect(third).toBe(false);
    a();
    a(); // a second release of the same slot frees nothing more
    await p;
    expect(third).toBe(true);
    expect(slots.peak).toBe(2);
  });

  it("a waiter with no free slot by its deadline fails like a timeout, and leaves the queue", async () => {
    vi.useFakeTimers();
    const slots = new ConnectionSlots(1);
    const held = await slots.take(Date.now() + 1000);
    const late = slots.take(Date.now() + 500);
    vi.advanceTimersByTime(500);
    await expect(late).rejects.toThrow(/timed out/);
    held();
    // The timed-out waiter got nothing: the slot is free for the next one at once.
    await expect(slots.take(Date.now())).resolves.toBeTypeOf("function");
  });
});
