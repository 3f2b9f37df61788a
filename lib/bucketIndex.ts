// The timeline's buckets kept between renders. The page re-renders the timeline with every batch of samples and
// every half second; folding a 30-minute buffer (up to MAX_SAMPLES) into buckets each time was the page's
// steady cost. The index folds in only what was added since the last call. Pure: no I/O, no React.
import {
  addToBucket,
  type BucketWindow,
  bucketStarts,
  emptyBucket,
  firstIndexAtOrAfter,
  type LaneBucket,
  laneId,
} from "./timelineBuckets";
import { LATE_SAMPLE_MS } from "./sampleBuffer";
import type { ProbeLane, ProbeSample } from "./types";

/**
 * How far back from the end the last folded sample is looked for. A batch appends a few dozen samples; a
 * snapshot or a resync replaces the whole buffer and is not found at all, which means: rebuild.
 */
const RESUME_SEARCH = 20_000;

export class BucketIndex {
  private bucketMs = 0;
  private lanesKey = "";
  /** Bucket start -> bucket, per lane id; only buckets that hold a sample. */
  private byLane = new Map<string, Map<number, LaneBucket>>();
  /** The index is complete for samples at or after this time. */
  private coveredFrom = Infinity;
  private last: ProbeSample | null = null;
  /** The buffer the index was last brought up to: the same array again has nothing new. */
  private folded: readonly ProbeSample[] | null = null;
  /** Full re-foldings so far (a changed bucket width, lanes, window start or buffer): for tests and benches. */
  rebuilds = 0;

  /**
   * Brings the index up to `samples` for `win`. Samples are the client buffer (lib/sampleBuffer.ts): in time
   * order, added to near the end (a read that answered late goes in up to LATE_SAMPLE_MS before the newest),
   * trimmed at the front; the buckets from that far back are folded again. Only samples at or after the window's
   * first bucket are kept; a window that reaches further back than the index covers, another bucket width or
   * other lanes fold everything again.
   */
  update(
    samples: readonly ProbeSample[],
    win: BucketWindow,
    lanes: readonly { key: string; lane: ProbeLane }[],
  ): void {
    const first = bucketStarts(win)[0] ?? win.from;
    const lanesKey = lanes.map((l) => laneId(l.key, l.lane)).join(",");
    let start = this.resumeAt(samples);
    if (
      start < 0 ||
      win.bucketMs !== this.bucketMs ||
      lanesKey !== this.lanesKey ||
      first < this.coveredFrom
    ) {
      this.bucketMs = win.bucketMs;
      this.lanesKey = lanesKey;
      this.byLane = new Map(lanes.map((l) => [laneId(l.key, l.lane), new Map()]));
      this.coveredFrom = first;
      this.rebuilds++;
      start = firstIndexAtOrAfter(samples, first);
    } else if (samples === this.folded) {
      start = samples.length;
    } else if (this.last) {
      start = this.reopen(samples, this.last.t - LATE_SAMPLE_MS);
    }
    for (let i = start; i < samples.length; i++) {
      const s = samples[i];
      if (s.t < this.coveredFrom) continue;
      const lane = this.byLane.get(laneId(s.key, s.lane));
      if (!lane) continue;
      const t = Math.floor(s.t / win.bucketMs) * win.bucketMs;
      let b = lane.get(t);
      if (!b) lane.set(t, (b = emptyBucket(t)));
      addToBucket(b, s);
    }
    this.last = samples.length ? samples[samples.length - 1] : null;
    this.folded = samples;
    if (first > this.coveredFrom) this.forgetBefore(first);
  }

  /** Dense buckets of the window per lane (empty ones included), as bucketSamples returns them. */
  window(win: BucketWindow): Map<string, LaneBucket[]> {
    const starts = bucketStarts(win);
    const out = new Map<string, LaneBucket[]>();
    for (const [id, lane] of this.byLane)
      out.set(
        id,
        starts.map((t) => lane.get(t) ?? emptyBucket(t)),
      );
    return out;
  }

  /** The highest latency of any bucket at or after `from`, at least `floor`. */
  latencyMax(from: number, floor: number): number {
    let max = floor;
    for (const lane of this.byLane.values())
      for (const b of lane.values()) if (b.t + this.bucketMs > from) max = Math.max(max, b.latencyMax ?? 0);
    return max;
  }

  /** Where the samples not folded in yet begin, or -1 when the buffer is not the one the index was built on. */
  private resumeAt(samples: readonly ProbeSample[]): number {
    // Nothing folded in yet (or the buffer was empty): everything there is new.
    if (!this.last) return 0;
    const stop = Math.max(0, samples.length - RESUME_SEARCH);
    for (let i = samples.length - 1; i >= stop; i--) if (samples[i] === this.last) return i + 1;
    return -1;
  }

  /** Drops the buckets at or after the one holding `t` and returns where the samples to fold them again begin. */
  private reopen(samples: readonly ProbeSample[], t: number): number {
    const from = Math.max(this.coveredFrom, Math.floor(t / this.bucketMs) * this.bucketMs);
    for (const lane of this.byLane.values()) for (const b of lane.keys()) if (b >= from) lane.delete(b);
    return firstIndexAtOrAfter(samples, from);
  }

  private forgetBefore(first: number): void {
    for (const lane of this.byLane.values()) for (const t of lane.keys()) if (t < first) lane.delete(t);
    this.coveredFrom = first;
  }
}
