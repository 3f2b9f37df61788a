import { describe, expect, it } from "vitest";
import {
  bucketSamples,
  bucketStarts,
  chooseBucketMs,
  firstIndexAtOrAfter,
  laneId,
  lastSamples,
} from "./timelineBuckets";
import type { ProbeSample } from "./types";

function sample(t: number, outcome: ProbeSample["outcome"], extra: Partial<ProbeSample> = {}): ProbeSample {
  return {
    t,
    key: "a",
    lane: "cluster",
    outcome,
    errorKind: outcome === "error" ? "CLUSTERDOWN" : null,
    value: outcome === "ok" ? "11" : outcome === "error" ? "CLUSTERDOWN The cluster is down" : null,
    latencyMs: 2,
    ...extra,
  };
}

const lanes = [
  { key: "a", lane: "cluster" as const },
  { key: "a", lane: "fresh" as const },
];

describe("chooseBucketMs", () => {
  it("never goes below the probe interval", () => {
    expect(chooseBucketMs(60_000, 2000, 200)).toBe(200);
  });
  it("keeps buckets at least minPx wide, rounded to a nice width", () => {
    // 30 min over 900 px at 3 px = 300 buckets -> 6 s -> 10 s
    expect(chooseBucketMs(30 * 60_000, 900, 200)).toBe(10_000);
    expect(chooseBucketMs(60_000, 600, 200)).toBe(500);
  });
  it("copes with a zero width (not yet measured)", () => {
    expect(chooseBucketMs(60_000, 0, 200)).toBeGreaterThanOrEqual(60_000);
  });
});

describe("bucketStarts", () => {
  it("aligns to multiples of the bucket width", () => {
    expect(bucketStarts({ from: 1050, to: 2000, bucketMs: 250 })).toEqual([1000, 1250, 1500, 1750]);
  });
});

describe("firstIndexAtOrAfter", () => {
  const s = [sample(10, "ok"), sample(20, "ok"), sample(20, "ok"), sample(30, "ok")];
  it("finds the first sample at or after a time", () => {
    expect(firstIndexAtOrAfter(s, 0)).toBe(0);
    expect(firstIndexAtOrAfter(s, 20)).toBe(1);
    expect(firstIndexAtOrAfter(s, 21)).toBe(3);
    expect(firstIndexAtOrAfter(s, 31)).toBe(4);
  });
});

describe("bucketSamples", () => {
  it("counts outcomes per bucket and keeps the worst", () => {
    const samples = [
      sample(1000, "ok", { latencyMs: 2 }),
      sample(1200, "error", { latencyMs: 150, errorKind: "timeout", value: "Command timed out" }),
      sample(1400, "nil", { latencyMs: 4 }),
      sample(1600, "ok", { lane: "fresh", latencyMs: 3 }),
    ];
    const out = bucketSamples(samples, { from: 1000, to: 2000, bucketMs: 500 }, lanes);
    const a = out.get(laneId("a", "cluster"))!;
    expect(a).toHaveLength(2);
    expect(a[0]).toMatchObject({ t: 1000, ok: 1, nil: 1, error: 1, worst: "error", latencyMax: 150 });
    expect(a[0].errorKinds).toEqual({ timeout: 1 });
    expect(a[0].lastError).toBe("Command timed out");
    expect(a[0].latencyAvg).toBeCloseTo(52);
    expect(a[1]).toMatchObject({ t: 1500, ok: 0, worst: null, latencyMax: null, latencyAvg: null });
    const f = out.get(laneId("a", "fresh"))!;
    expect(f[1]).toMatchObject({ ok: 1, worst: "ok", latencyMax: 3 });
  });

  it("ignores samples outside the window and lanes not asked for", () => {
    const samples = [sample(100, "error"), sample(1100, "ok", { key: "zz" }), sample(5000, "error")];
    const out = bucketSamples(samples, { from: 1000, to: 2000, bucketMs: 500 }, lanes);
    const all = [...out.values()].flat();
    expect(all.every((b) => b.worst === null)).toBe(true);
    expect(out.has(laneId("zz", "cluster"))).toBe(false);
  });

  // What the page pays per frame is the samples it reads: every sample of the window once, and only a binary
  // search's few of the history before it. Counted, not timed (a loaded machine says nothing about the code).
  it("reads each sample of the window once and only a binary search's worth of the 30 minutes before it", () => {
    const samples: ProbeSample[] = [];
    const keys = ["a", "b", "c"];
    const ALL_LANES = keys.flatMap((key) => [
      { key, lane: "cluster" as const },
      { key, lane: "fresh" as const },
    ]);
    for (let t = 0; t < 30 * 60_000; t += 200) {
      for (const { key, lane } of ALL_LANES) samples.push(sample(t, "ok", { key, lane }));
    }
    const { counted, reads } = countingReads(samples);

    const whole = bucketSamples(counted, { from: 0, to: 30 * 60_000, bucketMs: 10_000 }, ALL_LANES);
    const search = Math.ceil(Math.log2(samples.length)) + 1;
    expect(reads()).toBeGreaterThanOrEqual(samples.length);
    expect(reads()).toBeLessThanOrEqual(samples.length + search);
    // Every bucket of every lane holds its 10 s of samples, so nothing was skipped to save reads.
    for (const l of ALL_LANES) expect(whole.get(laneId(l.key, l.lane))!.every((b) => b.ok === 50)).toBe(true);

    // The last minute of the 30: its samples and the search, not the 29 minutes before.
    const before = reads();
    const from = 29 * 60_000;
    const lastMinute = bucketSamples(counted, { from, to: 30 * 60_000, bucketMs: 10_000 }, ALL_LANES);
    const inWindow = samples.length - firstIndexAtOrAfter(samples, from);
    expect(reads() - before).toBeLessThanOrEqual(inWindow + search);
    expect(lastMinute.get(laneId("b", "fresh"))!.map((b) => b.ok)).toEqual([50, 50, 50, 50, 50, 50]);
  });
});

/** The samples behind a proxy that counts every element read. */
function countingReads(samples: ProbeSample[]): { counted: readonly ProbeSample[]; reads: () => number } {
  let n = 0;
  const counted = new Proxy(samples, {
    get(target, prop, receiver) {
      if (typeof prop === "string" && /^\d+$/.test(prop)) n++;
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return { counted, reads: () => n };
}

describe("lastSamples", () => {
  it("finds the newest sample per lane", () => {
    const samples = [
      sample(1, "ok"),
      sample(2, "error"),
      sample(3, "ok", { lane: "fresh" }),
      sample(4, "nil"),
    ];
    const out = lastSamples(samples, lanes);
    expect(out.get(laneId("a", "cluster"))?.outcome).toBe("nil");
    expect(out.get(laneId("a", "fresh"))?.t).toBe(3);
  });
});
