"use client";
import { memo, useId } from "react";
import type { LaneBucket } from "@/lib/timelineBuckets";
import { OUTCOME_COLORS } from "./outcomeColors";

interface Props {
  buckets: LaneBucket[];
  bucketMs: number;
  from: number;
  to: number;
  width: number;
  height: number;
}

const LAYERS = [
  { key: "ok", opacity: 0.45 },
  { key: "nil", opacity: 0.7 },
  { key: "error", opacity: 0.95 },
] as const;

/**
 * The ok / nil / error bars of one lane as three SVG paths. Hundreds of bars per lane redrawn five times a
 * second cost one chart component each in recharts; as paths they cost three DOM nodes.
 */
export const StatusStrip = memo(function StatusStrip({ buckets, bucketMs, from, to, width, height }: Props) {
  const hatch = `hatch${useId().replace(/[^\w-]/g, "")}`;
  const scale = width / (to - from);
  const paths = { ok: "", nil: "", error: "" };
  for (const b of buckets) {
    const total = b.ok + b.nil + b.error;
    if (total === 0) continue;
    const x0 = (b.t - from) * scale;
    // A quarter pixel of overlap hides the hairline seams between neighbouring buckets.
    const w = (bucketMs * scale + 0.25).toFixed(2);
    let y = height;
    for (const { key } of LAYERS) {
      if (b[key] === 0) continue;
      const h = (height * b[key]) / total;
      y -= h;
      paths[key] += `M${x0.toFixed(2)} ${y.toFixed(2)}h${w}v${h.toFixed(2)}h-${w}z`;
    }
  }
  return (
    <svg width={width} height={height} className="absolute inset-0" aria-hidden>
      <defs>
        <pattern id={hatch} width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <line x1="0" y1="0" x2="0" y2="4" stroke="#000" strokeOpacity="0.45" strokeWidth="1.5" />
        </pattern>
      </defs>
      {LAYERS.map(({ key, opacity }) => (
        <path key={key} d={paths[key]} fill={OUTCOME_COLORS[key]} fillOpacity={opacity} />
      ))}
      {/* Failed reads are told by their texture too, not only by their colour. */}
      <path d={paths.error} fill={`url(#${hatch})`} />
    </svg>
  );
});
