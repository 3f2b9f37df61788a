// Where a lane's bars, latency line and hover land in pixels. The timeline draws lanes on a canvas: hundreds of
// bars per lane, redrawn with every batch of samples, cost a few fill calls instead of a chart library's
// component tree (its selectors, frozen state and SVG path measuring were the page's top self-time). Pure.
import type { LaneBucket } from "./timelineBuckets";

export interface LaneFrame {
  from: number;
  to: number;
  bucketMs: number;
  width: number;
  height: number;
}

/** Rectangles as flat [x, y, w, h, x, y, w, h, …], one list per outcome, stacked ok at the bottom. */
export interface StripRects {
  ok: number[];
  nil: number[];
  error: number[];
}

const LAYERS = ["ok", "nil", "error"] as const;

/**
 * Each bucket is a bar split by the share of ok, nil and error samples in it. A quarter pixel of overlap hides
 * the hairline seams between neighbouring bars.
 */
export function stripRects(buckets: readonly LaneBucket[], f: LaneFrame): StripRects {
  const out: StripRects = { ok: [], nil: [], error: [] };
  const scale = f.width / (f.to - f.from);
  const w = f.bucketMs * scale + 0.25;
  for (const b of buckets) {
    const total = b.ok + b.nil + b.error;
    if (total === 0) continue;
    const x = (b.t - f.from) * scale;
    let y = f.height;
    for (const key of LAYERS) {
      if (b[key] === 0) continue;
      const h = (f.height * b[key]) / total;
      y -= h;
      out[key].push(x, y, w, h);
    }
  }
  return out;
}

/**
 * The latency line through the middle of each bucket on a square-root scale from 0 to `latencyMax` (a 1 s
 * timeout beside 0.3 ms reads stays readable), as polylines [x, y, x, y, …]; an empty bucket breaks the line.
 * Values above the maximum are drawn at the top edge.
 */
export function latencyLines(buckets: readonly LaneBucket[], f: LaneFrame, latencyMax: number): number[][] {
  const lines: number[][] = [];
  const scale = f.width / (f.to - f.from);
  const root = Math.sqrt(Math.max(latencyMax, Number.MIN_VALUE));
  let current: number[] | null = null;
  for (const b of buckets) {
    if (b.latencyMax === null) {
      current = null;
      continue;
    }
    if (!current) {
      current = [];
      lines.push(current);
    }
    const share = Math.min(1, Math.sqrt(Math.max(0, b.latencyMax)) / root);
    current.push((b.t + f.bucketMs / 2 - f.from) * scale, f.height - share * f.height);
  }
  return lines;
}

/** The x of a time in the lane, in px. */
export function xOf(time: number, f: LaneFrame): number {
  return ((time - f.from) / (f.to - f.from)) * f.width;
}

/** The bucket under a pixel (for the hover), or null where the lane has none. */
export function bucketAtPx(buckets: readonly LaneBucket[], f: LaneFrame, px: number): LaneBucket | null {
  if (buckets.length === 0) return null;
  const time = f.from + (px / f.width) * (f.to - f.from);
  const i = Math.floor((time - buckets[0].t) / f.bucketMs);
  return buckets[Math.min(buckets.length - 1, Math.max(0, i))] ?? null;
}

/** The bucket under the pointer, as the lane's tooltip shows it. */
export interface LanePoint {
  x: number;
  latency: number | null;
  bucket: LaneBucket;
}
