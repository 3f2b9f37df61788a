"use client";
import { memo, useEffect, useRef, useState } from "react";
import {
  bucketAtPx,
  type LaneFrame,
  type LanePoint,
  latencyLines,
  stripRects,
  xOf,
} from "@/lib/laneGeometry";
import type { LaneBucket } from "@/lib/timelineBuckets";
import { LaneTooltip } from "./LaneTooltip";
import { type DowntimeArea, type Marker, placeAreaLabels } from "./markers";
import { OUTCOME_COLORS } from "./outcomeColors";

/** What the tooltip shows: the bucket under the pointer. */
interface Props {
  buckets: LaneBucket[];
  bucketMs: number;
  from: number;
  to: number;
  width: number;
  height: number;
  latencyMax: number;
  markers: Marker[];
  areas: DowntimeArea[];
}

const LAYERS = [
  { key: "ok", opacity: 0.45 },
  { key: "nil", opacity: 0.7 },
  { key: "error", opacity: 0.95 },
] as const;
const AREA = "#ef4444";

function draw(canvas: HTMLCanvasElement, p: Props): void {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.round(p.width * dpr);
  const h = Math.round(p.height * dpr);
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, p.width, p.height);
  const f: LaneFrame = { from: p.from, to: p.to, bucketMs: p.bucketMs, width: p.width, height: p.height };

  const rects = stripRects(p.buckets, f);
  for (const { key, opacity } of LAYERS) {
    const r = rects[key];
    if (r.length === 0) continue;
    ctx.globalAlpha = opacity;
    ctx.fillStyle = OUTCOME_COLORS[key];
    ctx.beginPath();
    for (let i = 0; i < r.length; i += 4) ctx.rect(r[i], r[i + 1], r[i + 2], r[i + 3]);
    ctx.fill();
    // Failed reads are told by their texture too, not only by their colour (colour-blind viewers, projectors).
    if (key === "error") {
      const hatch = hatchPattern(ctx);
      if (hatch) {
        ctx.globalAlpha = 1;
        ctx.fillStyle = hatch;
        ctx.fill();
      }
    }
  }

  for (const a of p.areas) {
    const x1 = Math.max(0, xOf(Math.max(a.x1, p.from), f));
    const x2 = Math.min(p.width, xOf(Math.min(a.x2, p.to), f));
    if (x2 <= x1) continue;
    ctx.globalAlpha = 0.12;
    ctx.fillStyle = AREA;
    ctx.fillRect(x1, 0, x2 - x1, p.height);
    ctx.globalAlpha = 0.5;
    ctx.strokeStyle = AREA;
    ctx.lineWidth = 1;
    ctx.strokeRect(x1 + 0.5, 0.5, x2 - x1 - 1, p.height - 1);
  }

  ctx.globalAlpha = 0.65;
  ctx.strokeStyle = "#e2e8f0";
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const line of latencyLines(p.buckets, f, p.latencyMax)) {
    ctx.moveTo(line[0], line[1]);
    for (let i = 2; i < line.length; i += 2) ctx.lineTo(line[i], line[i + 1]);
  }
  ctx.stroke();

  ctx.globalAlpha = 1;
  ctx.lineWidth = 1.5;
  ctx.setLineDash([4, 3]);
  for (const m of p.markers) {
    const x = xOf(m.t, f);
    if (x < 0 || x > p.width) continue;
    ctx.strokeStyle = m.color;
    ctx.beginPath();
    ctx.moveTo(x, 0);
    ctx.lineTo(x, p.height);
    ctx.stroke();
  }
  ctx.setLineDash([]);
}

/** One pattern per canvas: every lane redraws on each scroll step, and a new tile each time was garbage. */
const hatches = new WeakMap<CanvasRenderingContext2D, CanvasPattern | null>();

/** Dark diagonal stripes, 4 px apart, laid over the failed bars. */
function hatchPattern(ctx: CanvasRenderingContext2D): CanvasPattern | null {
  if (!hatches.has(ctx)) hatches.set(ctx, newHatch(ctx));
  return hatches.get(ctx) ?? null;
}

function newHatch(ctx: CanvasRenderingContext2D): CanvasPattern | null {
  const tile = document.createElement("canvas");
  tile.width = 4;
  tile.height = 4;
  const t = tile.getContext("2d");
  if (!t) return null;
  t.strokeStyle = "rgba(0, 0, 0, 0.45)";
  t.lineWidth = 1.5;
  t.beginPath();
  t.moveTo(0, 4);
  t.lineTo(4, 0);
  t.stroke();
  return ctx.createPattern(tile, "repeat");
}

/**
 * One lane: ok / nil / error bars, downtime areas, the latency line and the event lines on one canvas, redrawn
 * only when its buckets or frame change. The downtime labels are text (translated, readable by the language
 * check) and the tooltip is the lane's own component, over the canvas.
 */
export const LaneChart = memo(function LaneChart(p: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [hoverPx, setHoverPx] = useState<number | null>(null);
  // Drawn in the frame, not in React's commit: a sample batch re-renders every lane, and their draws made up
  // a tenth of a failover's longest task. A newer render cancels a draw still waiting, so each frame draws once.
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      if (canvas.current) draw(canvas.current, p);
    });
    return () => cancelAnimationFrame(frame);
  });
  const f: LaneFrame = { from: p.from, to: p.to, bucketMs: p.bucketMs, width: p.width, height: p.height };
  const hovered = hoverPx === null ? null : bucketAtPx(p.buckets, f, hoverPx);
  const point: LanePoint | null = hovered
    ? { x: hovered.t + p.bucketMs / 2, latency: hovered.latencyMax, bucket: hovered }
    : null;
  const cursorX = point ? xOf(point.x, f) : 0;

  return (
    <div
      className="relative shrink-0"
      style={{ width: p.width, height: p.height }}
      onMouseMove={(e) => setHoverPx(e.clientX - e.currentTarget.getBoundingClientRect().left)}
      onMouseLeave={() => setHoverPx(null)}
    >
      <canvas
        ref={canvas}
        className="absolute inset-0"
        style={{ width: p.width, height: p.height }}
        aria-hidden
      />
      {placeAreaLabels(p.areas, (t) => xOf(t, f), p.width).map(({ area, x, side }) => (
        <span
          key={area.x1}
          data-side={side}
          className={`pointer-events-none absolute top-1/2 -translate-y-1/2 whitespace-nowrap rounded-sm bg-slate-950/70 px-1 text-[13px] font-bold text-red-200 ${side === "left" ? "-translate-x-full" : ""}`}
          style={{ left: x }}
        >
          {area.label}
        </span>
      ))}
      {point ? (
        <>
          <div
            className="pointer-events-none absolute inset-y-0 w-px bg-white/50"
            style={{ left: cursorX }}
          />
          <div
            className="pointer-events-none absolute top-full"
            style={{
              zIndex: 20,
              ...(cursorX > p.width / 2 ? { right: p.width - cursorX + 10 } : { left: cursorX + 10 }),
            }}
          >
            <LaneTooltip active payload={[{ payload: point }]} />
          </div>
        </>
      ) : null}
    </div>
  );
});
