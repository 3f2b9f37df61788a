"use client";
import { memo, useMemo } from "react";
import { useTranslations } from "use-intl";
import { keySlot, SLOT_COUNT, ownerSegments, countSlots, formatSlots, uncoveredRanges } from "@/lib/slots";
import { shortId } from "@/lib/topologyDiff";
import type { NodeSummary, SlotRange } from "@/lib/types";
import { Panel } from "../common/Panel";
import { useNodeColor } from "../common/nodeColors";
import { shortPod } from "../common/podName";
import { useElementWidth } from "../common/useElementWidth";

const BAR_Y = 30;
const BAR_H = 44;
const HEIGHT = BAR_Y + BAR_H + 22;
const TICKS = [0, 5461, 10923, 16383];

/** Flagged by the cluster, or already gone: a deleted pod's id serves its slots until FAIL is agreed. */
function isFailing(n: NodeSummary | undefined): boolean {
  return n !== undefined && (n.flags.includes("fail") || n.flags.includes("pfail") || n.pod === null);
}

interface Props {
  nodes: NodeSummary[];
  keys: string[];
}

export const SlotMap = memo(function SlotMap({ nodes, keys }: Props) {
  const t = useTranslations("slots");
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const color = useNodeColor();
  const masters = nodes.filter((n) => n.role === "master" && n.slots.length > 0);
  // The segments are made again only when who serves which slots changes (a promotion), not with every topology
  // delta of a failover (flags, ping clocks): the same segments keep the map's rectangles as they were.
  const serving = JSON.stringify(masters.map((n) => [n.id, n.slots]));
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `serving` is what of `masters` the segments read
  const segments = useMemo(() => ownerSegments(masters), [serving]);
  const uncovered = useMemo(() => uncoveredRanges(segments), [segments]);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const failingRanges: SlotRange[] = segments
    .filter((s) => s.owner !== null && isFailing(byId.get(s.owner)))
    .map((s) => [s.from, s.to]);
  const x = (slot: number) => (slot / SLOT_COUNT) * width;
  const keyMarks = keys.map((k) => ({ key: k, slot: keySlot(k) }));

  return (
    <Panel
      title={t("title")}
      hint={t("hint")}
      testId="slot-map"
      className="shrink-0"
      actions={
        uncovered.length === 0 && failingRanges.length === 0 ? (
          <span className="text-sm font-semibold text-green-300">{t("allServed")}</span>
        ) : null
      }
    >
      <div ref={ref} className="px-4 pt-1">
        {width > 0 ? (
          <svg
            width={width}
            height={HEIGHT}
            role="img"
            aria-label={t("mapLabel")}
            className="block overflow-visible"
          >
            <defs>
              <pattern
                id="slot-stripes"
                width="10"
                height="10"
                patternUnits="userSpaceOnUse"
                patternTransform="rotate(45)"
              >
                <rect width="10" height="10" fill="#450a0a" />
                <rect width="5" height="10" fill="#dc2626" />
              </pattern>
              <pattern
                id="slot-failing"
                width="8"
                height="8"
                patternUnits="userSpaceOnUse"
                patternTransform="rotate(-45)"
              >
                <rect width="3" height="8" fill="#dc2626" fillOpacity="0.85" />
              </pattern>
            </defs>
            {segments.map((seg) => {
              const owner = seg.owner ? byId.get(seg.owner) : undefined;
              const x0 = x(seg.from);
              const w = Math.max(1, x(seg.to + 1) - x0);
              const label = owner
                ? `${owner.pod ? shortPod(owner.pod) : t("noPod")} · ${shortId(owner.id)}`
                : t("uncoveredLabel");
              const ranges = formatSlots([[seg.from, seg.to]]);
              return (
                <g key={`${seg.from}-${seg.owner}`}>
                  <title>
                    {owner
                      ? t("segmentTitle", { ranges, pod: owner.pod ?? t("ghost"), id: owner.id })
                      : t("noMaster", { ranges })}
                  </title>
                  <rect
                    x={x0}
                    y={BAR_Y}
                    width={w}
                    height={BAR_H}
                    fill={owner ? color(owner.id) : "url(#slot-stripes)"}
                    fillOpacity={owner ? 0.85 : 1}
                  />
                  {isFailing(owner) ? (
                    <rect x={x0} y={BAR_Y} width={w} height={BAR_H} fill="url(#slot-failing)" />
                  ) : null}
                  {w > 90 ? (
                    <text
                      x={x0 + w / 2}
                      y={BAR_Y + BAR_H / 2 + 5}
                      textAnchor="middle"
                      className="font-mono text-[14px] font-bold"
                      fill={owner ? "#020617" : "#fff"}
                      textDecoration={owner?.flags.includes("fail") ? "line-through" : undefined}
                    >
                      {label}
                    </text>
                  ) : null}
                  <line x1={x0} x2={x0} y1={BAR_Y} y2={BAR_Y + BAR_H} stroke="#020617" strokeWidth={2} />
                </g>
              );
            })}
            {TICKS.map((t) => (
              <text
                key={t}
                x={x(t + (t === 16383 ? 1 : 0))}
                y={HEIGHT - 4}
                textAnchor={t === 0 ? "start" : t === 16383 ? "end" : "middle"}
                className="fill-slate-500 font-mono text-[11px]"
              >
                {t}
              </text>
            ))}
            {keyMarks.map(({ key, slot }) => {
              const kx = x(slot + 0.5);
              return (
                <g key={key} data-testid={`slot-key-${key}`}>
                  {/* White above the bar, dark across it: the key's slot is marked without hiding the owner's name. */}
                  <line x1={kx} x2={kx} y1={16} y2={BAR_Y} stroke="#f8fafc" strokeWidth={2} />
                  <line
                    x1={kx}
                    x2={kx}
                    y1={BAR_Y}
                    y2={BAR_Y + BAR_H}
                    stroke="#020617"
                    strokeWidth={2}
                    strokeDasharray="3 2"
                  />
                  <path d={`M${kx - 5} ${BAR_Y - 6}h10l-5 6z`} fill="#f8fafc" />
                  <path d={`M${kx - 5} ${BAR_Y + BAR_H + 6}h10l-5 -6z`} fill="#f8fafc" />
                  <text
                    x={kx}
                    y={12}
                    textAnchor={kx > width - 60 ? "end" : kx < 60 ? "start" : "middle"}
                    className="fill-white font-mono text-[13px] font-bold"
                  >
                    {key} → {slot}
                  </text>
                </g>
              );
            })}
          </svg>
        ) : (
          <div style={{ height: HEIGHT }} />
        )}
      </div>
      <div className="flex flex-wrap gap-x-4 gap-y-1 px-4 pb-2 text-sm">
        {uncovered.length > 0 ? (
          <span className="font-semibold text-red-300" data-testid="uncovered-slots">
            {t("uncovered", { ranges: formatSlots(uncovered), n: countSlots(uncovered) })}
          </span>
        ) : null}
        {failingRanges.length > 0 ? (
          <span className="font-semibold text-red-300" data-testid="failing-slots">
            {t("failing", { ranges: formatSlots(failingRanges) })}
          </span>
        ) : null}
      </div>
    </Panel>
  );
});
