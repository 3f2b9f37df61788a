import { describe, expect, it } from "vitest";
import { appendSamples, MAX_SAMPLES, SAMPLE_WINDOW_MS } from "./sampleBuffer";
import type { ProbeSample } from "./types";

const sample = (t: number): ProbeSample => ({
  t,
  key: "a",
  lane: "cluster",
  outcome: "ok",
  errorKind: null,
  value: "11",
  latencyMs: 1,
});

describe("appendSamples", () => {
  it("appends probe samples and drops those older than the window", () => {
    const s = appendSamples(appendSamples([], [sample(0), sample(1000)]), [sample(SAMPLE_WINDOW_MS + 500)]);
    expect(s.map((x) => x.t)).toEqual([1000, SAMPLE_WINDOW_MS + 500]);
  });

  it("bounds the samples by count as well as by time, whatever the probe interval", () => {
    const many = Array.from({ length: MAX_SAMPLES + 10 }, (_, i) => sample(i));
    const s = appendSamples([], many);
    expect(s).toHaveLength(MAX_SAMPLES);
    expect(s[0].t).toBe(10);
  });

  it("stays bounded by count when many small batches arrive faster than the window drops them", () => {
    // A 10 ms interval over 6 lanes: every sample is inside the 30 minutes, so only the count holds it.
    let s: readonly ProbeSample[] = [];
    for (let b = 0; b < 8; b++) {
      const batch = Array.from({ length: MAX_SAMPLES / 4 }, (_, i) => sample(b * 60_000 + i));
      s = appendSamples(s, batch);
      expect(s.length).toBeLessThanOrEqual(MAX_SAMPLES);
    }
    expect(s).toHaveLength(MAX_SAMPLES);
    expect(s.at(-1)!.t).toBe(7 * 60_000 + MAX_SAMPLES / 4 - 1);
  });

  it("a batch onto a full buffer drops as many of the oldest, and leaves the previous array as it was", () => {
    const full = appendSamples(
      [],
      Array.from({ length: MAX_SAMPLES }, (_, i) => sample(i)),
    );
    const next = appendSamples(full, [sample(MAX_SAMPLES), sample(MAX_SAMPLES + 1)]);
    expect(next).toHaveLength(MAX_SAMPLES);
    expect([next[0].t, next.at(-1)!.t]).toEqual([2, MAX_SAMPLES + 1]);
    expect(full).toHaveLength(MAX_SAMPLES);
    expect(full.at(-1)!.t).toBe(MAX_SAMPLES - 1);
  });

  it("an empty batch keeps the same array (no re-render for nothing)", () => {
    const s = appendSamples([], [sample(1)]);
    expect(appendSamples(s, [])).toBe(s);
  });

  it("puts a sample that answered late in time order, so the last sample of a lane is its newest read", () => {
    const s = appendSamples(appendSamples([], [sample(1000), sample(1200), sample(1400)]), [
      sample(1600),
      sample(1100),
    ]);
    expect(s.map((x) => x.t)).toEqual([1000, 1100, 1200, 1400, 1600]);
  });
});
