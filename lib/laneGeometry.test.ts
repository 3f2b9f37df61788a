import { describe, expect, it } from "vitest";
import { bucketAtPx, latencyLines, stripRects, xOf } from "./laneGeometry";
import type { LaneBucket } from "./timelineBuckets";

function bucket(
  t: number,
  counts: Partial<Pick<LaneBucket, "ok" | "nil" | "error">>,
  latencyMax: number | null,
) {
  return {
    t,
    ok: 0,
    nil: 0,
    error: 0,
    worst: null,
    latencyMax,
    latencyAvg: latencyMax,
    errorKinds: {},
    lastError: null,
    ...counts,
  } satisfies LaneBucket;
}

// 10 s over 100 px: 1 s buckets are 10 px wide.
const frame = { from: 0, to: 10_000, bucketMs: 1000, width: 100, height: 40 };

describe("stripRects", () => {
  it("stacks ok at the bottom, then nil, then error, by their share of the bucket", () => {
    const r = stripRects([bucket(2000, { ok: 2, error: 2 }, 5)], frame);
    expect(r.ok).toEqual([20, 20, 10.25, 20]);
    expect(r.nil).toEqual([]);
    expect(r.error).toEqual([20, 0, 10.25, 20]);
  });
  it("draws nothing for an empty bucket, so a gap in the probes stays a gap", () => {
    const r = stripRects([bucket(0, {}, null), bucket(1000, { nil: 1 }, 1)], frame);
    expect(r.ok).toEqual([]);
    expect(r.nil).toEqual([10, 0, 10.25, 40]);
  });
});

describe("latencyLines", () => {
  it("goes through the middle of each bucket on a square-root scale", () => {
    const lines = latencyLines([bucket(0, { ok: 1 }, 100), bucket(1000, { ok: 1 }, 25)], frame, 100);
    expect(lines).toEqual([[5, 0, 15, 20]]);
  });
  it("breaks at an empty bucket and clamps values above the maximum to the top", () => {
    const lines = latencyLines(
      [bucket(0, { ok: 1 }, 400), bucket(1000, {}, null), bucket(2000, { ok: 1 }, 0)],
      frame,
      100,
    );
    expect(lines).toEqual([
      [5, 0],
      [25, 40],
    ]);
  });
});

describe("bucketAtPx and xOf", () => {
  const buckets = [bucket(0, { ok: 1 }, 1), bucket(1000, { error: 1 }, 1), bucket(2000, {}, null)];
  it("finds the bucket under a pixel and stays inside the lane at its edges", () => {
    expect(bucketAtPx(buckets, frame, 14)?.t).toBe(1000);
    expect(bucketAtPx(buckets, frame, -3)?.t).toBe(0);
    expect(bucketAtPx(buckets, frame, 99)?.t).toBe(2000);
    expect(bucketAtPx([], frame, 10)).toBeNull();
  });
  it("maps a time to its pixel", () => {
    expect(xOf(2500, frame)).toBe(25);
  });
});
