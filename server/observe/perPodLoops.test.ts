import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PerPodLoops, podLoop, type PodLoop } from "./perPodLoops";

/** Loops whose reads are held open until the test answers them, so flight and order are the test's. */
function harness(periodMs = 1000, minGapMs = 25) {
  const reads: { pod: string; asked: boolean; answer: () => void }[] = [];
  const ended: string[] = [];
  const loops = new PerPodLoops<PodLoop>({
    periodMs,
    minGapMs,
    create: podLoop,
    readOnce: (l, asked) => new Promise<void>((answer) => reads.push({ pod: l.pod, asked, answer })),
    ended: (l) => ended.push(l.pod),
  });
  const sent = (pod: string) => reads.filter((r) => r.pod === pod).length;
  return { loops, reads, ended, sent };
}

/** Lets the loops' awaits run after an answer or a timer. */
const settle = () => vi.advanceTimersByTimeAsync(0);

describe("PerPodLoops", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("reads each pod once at its start, then once per period, never twice at a time", async () => {
    const h = harness(1000);
    h.loops.sync([
      { name: "a", ip: "10.0.0.1" },
      { name: "b", ip: "10.0.0.2" },
    ]);
    expect(h.reads.map((r) => r.pod)).toEqual(["a", "b"]);
    h.reads[1].answer();
    await settle();
    expect(h.sent("b")).toBe(1);
    // a hangs: however long, it is not sent a second read; b is read once a period meanwhile.
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(1000);
      h.reads.at(-1)!.answer();
    }
    expect(h.sent("b")).toBe(6);
    expect(h.sent("a")).toBe(1);
    h.loops.endAll();
  });

  it("a read asked for while one is in flight follows it at once; one asked between reads starts now", async () => {
    const h = harness(10_000, 25);
    h.loops.sync([{ name: "a", ip: "10.0.0.1" }]);
    h.loops.readAllNow();
    h.loops.readAllNow();
    h.reads[0].answer();
    // The minimum gap after the read that was in flight, then one read for both asks.
    await vi.advanceTimersByTimeAsync(25);
    expect(h.reads).toHaveLength(2);
    expect(h.reads[1].asked).toBe(true);
    h.reads[1].answer();
    await vi.advanceTimersByTimeAsync(100);
    expect(h.reads).toHaveLength(2);
    h.loops.readAllNow();
    await settle();
    expect(h.reads).toHaveLength(3);
    expect(h.reads[2].asked).toBe(true);
    h.loops.endAll();
  });

  it("ends the loop of a pod that went or moved, and starts one at its new IP", async () => {
    const h = harness();
    h.loops.sync([
      { name: "a", ip: "10.0.0.1" },
      { name: "b", ip: "10.0.0.2" },
    ]);
    const ended = h.loops.sync([{ name: "a", ip: "10.0.0.9" }]);
    expect(ended.sort()).toEqual(["a", "b"]);
    expect(h.ended.sort()).toEqual(["a", "b"]);
    expect(h.loops.get("a")?.ip).toBe("10.0.0.9");
    expect(h.loops.has("b")).toBe(false);
    // The old loop's read answering late starts nothing more.
    h.reads[0].answer();
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.reads.filter((r) => r.pod === "a")).toHaveLength(2);
    h.loops.endAll();
  });
});
