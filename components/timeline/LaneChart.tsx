"use client";
import { memo } from "react";
import { ComposedChart, Line, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { LaneBucket } from "@/lib/timelineBuckets";
import { LaneTooltip } from "./LaneTooltip";
import type { DowntimeArea, Marker } from "./markers";
import { StatusStrip } from "./StatusStrip";

export interface LanePoint {
  x: number;
  latency: number | null;
  bucket: LaneBucket;
}

interface Props {
  data: LanePoint[];
  bucketMs: number;
  from: number;
  to: number;
  width: number;
  height: number;
  latencyMax: number;
  markers: Marker[];
  areas: DowntimeArea[];
}

// All recharts elements share the one (latency) y axis: recharts 3 draws no reference line or area on an
// axis that no series uses.
// recharts draws the latency line, the event lines, the downtime areas and the tooltip; the status bars are a
// plain SVG underneath (StatusStrip), far cheaper at five redraws a second.
export const LaneChart = memo(function LaneChart(p: Props) {
  return (
    <div className="relative shrink-0" style={{ width: p.width, height: p.height }}>
      <StatusStrip
        buckets={p.data.map((d) => d.bucket)}
        bucketMs={p.bucketMs}
        from={p.from}
        to={p.to}
        width={p.width}
        height={p.height}
      />
      <ComposedChart
        width={p.width}
        height={p.height}
        data={p.data}
        margin={{ top: 0, right: 0, bottom: 0, left: 0 }}
        style={{ position: "absolute", inset: 0 }}
      >
        <XAxis type="number" dataKey="x" domain={[p.from, p.to]} hide allowDataOverflow />
        <YAxis domain={[0, p.latencyMax]} scale="sqrt" hide allowDataOverflow />
        {p.areas.map((a, i) => (
          <ReferenceArea
            key={i}
            x1={Math.max(a.x1, p.from)}
            x2={Math.min(a.x2, p.to)}
            fill="#ef4444"
            fillOpacity={0.12}
            stroke="#ef4444"
            strokeOpacity={0.5}
            ifOverflow="hidden"
            label={{
              value: a.label,
              position: "left",
              fill: "#fecaca",
              fontSize: 13,
              fontWeight: 700,
            }}
          />
        ))}
        <Line
          dataKey="latency"
          stroke="#e2e8f0"
          strokeOpacity={0.65}
          strokeWidth={1}
          dot={false}
          connectNulls={false}
          isAnimationActive={false}
        />
        {p.markers.map((m) => (
          <ReferenceLine key={m.id} x={m.t} stroke={m.color} strokeWidth={1.5} strokeDasharray="4 3" />
        ))}
        <Tooltip
          content={<LaneTooltip />}
          isAnimationActive={false}
          cursor={{ stroke: "rgba(255,255,255,0.5)" }}
          wrapperStyle={{ zIndex: 20 }}
        />
      </ComposedChart>
    </div>
  );
});
