// Folds probe samples into fixed time buckets, one per few pixels of the timeline, so a 30-minute window of
// 5 samples/s × 6 lanes (54,000 samples) reaches the chart as a few hundred bars per lane. Pure: no I/O.
import type { ProbeErrorKind, ProbeLane, ProbeOutcome, ProbeSample } from "./types";

export interface LaneBucket {
  /** Bucket start, ms since epoch; the bucket covers [t, t + bucketMs). */
  t: number;
  ok: number;
  nil: number;
  error: number;
  /** Worst outcome in the bucket (error > nil > ok), null when the bucket holds no sample. */
  worst: ProbeOutcome | null;
  latencyMax: number | null;
  latencyAvg: number | null;
  errorKinds: Partial<Record<ProbeErrorKind, number>>;
  /** Message of the newest error in the bucket (the server puts it in the sample's value). */
  lastError: string | null;
}

export interface BucketWindow {
  from: number;
  to: number;
  bucketMs: number;
}

export function laneId(key: string, lane: ProbeLane): string {
  return `${key}/${lane}`;
}

const NICE_MS = [50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000, 15_000, 30_000, 60_000];

/**
 * The smallest "nice" bucket width that keeps buckets at least `minPx` wide and no finer than the probe
 * interval (a bucket narrower than the interval would only add empty bars between samples).
 */
export function chooseBucketMs(
  windowMs: number,
  plotWidthPx: number,
  probeIntervalMs: number,
  minPx = 3,
): number {
  const buckets = Math.max(1, Math.floor(Math.max(1, plotWidthPx) / minPx));
  const wanted = Math.max(windowMs / buckets, probeIntervalMs, 1);
  return NICE_MS.find((n) => n >= wanted) ?? Math.ceil(wanted / 60_000) * 60_000;
}

/** Bucket starts aligned to multiples of bucketMs, so bars do not shimmer as the window slides. */
export function bucketStarts(win: BucketWindow): number[] {
  const first = Math.floor(win.from / win.bucketMs) * win.bucketMs;
  const out: number[] = [];
  for (let t = first; t < win.to; t += win.bucketMs) out.push(t);
  return out;
}

/** Index of the first sample with t >= time, for samples sorted by t (binary search). */
export function firstIndexAtOrAfter(samples: readonly ProbeSample[], time: number): number {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (samples[mid].t < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function emptyBucket(t: number): LaneBucket {
  return {
    t,
    ok: 0,
    nil: 0,
    error: 0,
    worst: null,
    latencyMax: null,
    latencyAvg: null,
    errorKinds: {},
    lastError: null,
  };
}

const RANK: Record<ProbeOutcome, number> = { ok: 0, nil: 1, error: 2 };

/** Folds one sample into its bucket; the average is kept running, so a bucket is complete after every add. */
export function addToBucket(b: LaneBucket, s: ProbeSample): void {
  b[s.outcome]++;
  const n = b.ok + b.nil + b.error;
  if (b.worst === null || RANK[s.outcome] > RANK[b.worst]) b.worst = s.outcome;
  b.latencyMax = b.latencyMax === null ? s.latencyMs : Math.max(b.latencyMax, s.latencyMs);
  b.latencyAvg = ((b.latencyAvg ?? 0) * (n - 1) + s.latencyMs) / n;
  if (s.outcome === "error") {
    const kind = s.errorKind ?? "other";
    b.errorKinds[kind] = (b.errorKinds[kind] ?? 0) + 1;
    b.lastError = s.value;
  }
}

/**
 * Dense buckets (empty ones included, so a gap in the probes shows as a gap) for every lane in `lanes`.
 * Samples must be sorted by t; those outside the window are ignored.
 */
export function bucketSamples(
  samples: readonly ProbeSample[],
  win: BucketWindow,
  lanes: readonly { key: string; lane: ProbeLane }[],
): Map<string, LaneBucket[]> {
  const starts = bucketStarts(win);
  const first = starts[0] ?? win.from;
  const out = new Map<string, LaneBucket[]>();
  for (const l of lanes) out.set(laneId(l.key, l.lane), starts.map(emptyBucket));
  for (let i = firstIndexAtOrAfter(samples, first); i < samples.length; i++) {
    const s = samples[i];
    if (s.t >= win.to) break;
    const b = out.get(laneId(s.key, s.lane))?.[Math.floor((s.t - first) / win.bucketMs)];
    if (b) addToBucket(b, s);
  }
  return out;
}

/** The newest sample of each lane (scanning from the end, so it stops early). */
export function lastSamples(
  samples: readonly ProbeSample[],
  lanes: readonly { key: string; lane: ProbeLane }[],
): Map<string, ProbeSample> {
  const wanted = new Set(lanes.map((l) => laneId(l.key, l.lane)));
  const out = new Map<string, ProbeSample>();
  for (let i = samples.length - 1; i >= 0 && out.size < wanted.size; i--) {
    const id = laneId(samples[i].key, samples[i].lane);
    if (wanted.has(id) && !out.has(id)) out.set(id, samples[i]);
  }
  return out;
}
