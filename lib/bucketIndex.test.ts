import { describe, expect, it } from "vitest";
import { BucketIndex } from "./bucketIndex";
import { appendSamples } from "./sampleBuffer";
import { bucketSamples, laneId } from "./timelineBuckets";
import type { ProbeSample } from "./types";

const lanes = [
  { key: "a", lane: "cluster" as const },
  { key: "a", lane: "fresh" as const },
];

/** One probe tick: both lanes at `t`; `a/cluster` fails between 3 s and 5 s. */
function tick(t: number): ProbeSample[] {
  return lanes.map(({ key, lane }) => {
    const down = lane === "cluster" && t >= 3000 && t < 5000;
    return {
      t,
      key,
      lane,
      outcome: down ? "error" : "ok",
      errorKind: down ? "timeout" : null,
      value: down ? "Command timed out" : "11",
      latencyMs: down ? 1000 : 1 + (t % 7),
    };
  });
}

/** The client buffer as the reducer keeps it: a new array per batch, the same sample objects. */
function batches(until: number, every: number): ProbeSample[][] {
  const out: ProbeSample[][] = [];
  let buffer: ProbeSample[] = [];
  for (let t = 0; t < until; t += every) {
    buffer = buffer.concat(tick(t), tick(t + every / 2));
    out.push(buffer);
  }
  return out;
}

describe("BucketIndex", () => {
  it("gives what bucketSamples gives, batch after batch, while the window slides", () => {
    const index = new BucketIndex();
    for (const samples of batches(10_000, 400)) {
      const newest = samples[samples.length - 1].t;
      const win = { from: newest - 4000, to: newest + 500, bucketMs: 500 };
      index.update(samples, win, lanes);
      expect(index.window(win)).toEqual(bucketSamples(samples, win, lanes));
    }
    // Built once; every later batch only folded in what it appended.
    expect(index.rebuilds).toBe(1);
  });

  it("folds everything again for a new buffer (a snapshot), another bucket width or a wider window", () => {
    const index = new BucketIndex();
    const all = batches(8000, 400);
    const samples = all[all.length - 1];
    const win = { from: 4000, to: 8000, bucketMs: 500 };
    index.update(samples, win, lanes);
    const snapshot = samples.map((s) => ({ ...s }));
    index.update(snapshot, win, lanes);
    expect(index.rebuilds).toBe(2);
    const wide = { from: 0, to: 8000, bucketMs: 1000 };
    index.update(snapshot, wide, lanes);
    expect(index.rebuilds).toBe(3);
    expect(index.window(wide)).toEqual(bucketSamples(snapshot, wide, lanes));
    const wider = { from: -2000, to: 8000, bucketMs: 1000 };
    index.update(snapshot, wider, lanes);
    expect(index.rebuilds).toBe(4);
    expect(index.window(wider)).toEqual(bucketSamples(snapshot, wider, lanes));
  });

  it("a sample that answered late (put in before newer ones already folded) lands in its own bucket", () => {
    const index = new BucketIndex();
    const win = { from: 0, to: 4000, bucketMs: 1000 };
    const first = appendSamples([], tick(2000));
    index.update(first, win, lanes);
    const late: ProbeSample = { ...tick(1200)[0], outcome: "error", errorKind: "timeout", latencyMs: 1000 };
    const next = appendSamples(first, [late]);
    expect(next.indexOf(late)).toBe(0);
    index.update(next, win, lanes);
    const cluster = index.window(win).get(laneId("a", "cluster"))!;
    expect(cluster[1]).toMatchObject({ t: 1000, error: 1, worst: "error" });
    expect(cluster[2]).toMatchObject({ t: 2000, ok: 1 });
    expect(index.rebuilds).toBe(1);
  });

  it("gives what bucketSamples gives while late reads go in before the newest", () => {
    const index = new BucketIndex();
    let buffer: readonly ProbeSample[] = [];
    for (let t = 0; t < 12_000; t += 400) {
      // Every third batch brings a read that started up to a second and a half earlier and timed out.
      const late =
        t % 1200 === 0 && t > 0 ? [{ ...tick(t - 1500 + (t % 700))[1], outcome: "error" as const }] : [];
      buffer = appendSamples(buffer, [...tick(t), ...late]);
      const win = { from: t - 6000, to: t + 500, bucketMs: 500 };
      index.update(buffer, win, lanes);
      expect(index.window(win)).toEqual(bucketSamples(buffer, win, lanes));
      // The page's clock redraws with the same buffer: nothing is folded twice.
      index.update(buffer, win, lanes);
      expect(index.window(win)).toEqual(bucketSamples(buffer, win, lanes));
    }
    expect(index.rebuilds).toBe(1);
  });

  it("knows the highest latency in the window, and forgets buckets that left it", () => {
    const index = new BucketIndex();
    const all = batches(10_000, 400);
    const samples = all[all.length - 1];
    index.update(samples, { from: 2000, to: 10_000, bucketMs: 500 }, lanes);
    expect(index.latencyMax(2000, 10)).toBe(1000);
    index.update(samples, { from: 6000, to: 10_000, bucketMs: 500 }, lanes);
    expect(index.latencyMax(6000, 10)).toBe(10);
    // The outage's buckets are gone, so looking further back again cannot reuse them.
    expect(index.latencyMax(0, 10)).toBe(10);
  });
});
