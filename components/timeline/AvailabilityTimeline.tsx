"use client";
import { useMemo, useState } from "react";
import { useTranslations } from "use-intl";
import type { LabInfo } from "@/lib/protocol";
import { clockTime } from "@/lib/format";
import { cliReplyLines } from "@/lib/cliReply";
import { BucketIndex } from "@/lib/bucketIndex";
import { chooseBucketMs, type LaneBucket, laneId, lastSamples } from "@/lib/timelineBuckets";
import type { LabEvent } from "@/lib/events";
import type { ProbeSample, RunSummary } from "@/lib/types";
import { useDuration } from "../i18n/useFormat";
import { useT } from "../i18n/useT";
import { Panel } from "../common/Panel";
import { useServerNow } from "../common/serverClock";
import { useElementWidth } from "../common/useElementWidth";
import { useSamples } from "../lab/samples";
import { LaneChart } from "./LaneChart";
import { OUTCOME_COLORS } from "./outcomeColors";
import { WINDOWS, WindowPicker } from "./WindowPicker";
import { type DowntimeArea, downtimeAreas, labEpoch, markersIn, placeLabels, runsSince } from "./markers";

const TICK_STEPS = [1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600].map((s) => s * 1000);
const MIN_TICK_PX = 72;

function tickStep(windowMs: number, plotW: number): number {
  return TICK_STEPS.find((s) => (s / windowMs) * plotW >= MIN_TICK_PX) ?? windowMs;
}

const NO_AREAS: DowntimeArea[] = [];
const NO_BUCKETS: LaneBucket[] = [];
const LABEL_W = 168;
const LAST_W = 96;
const LANE_H = 40;
const LABEL_ROW_H = 18;

interface Props {
  lab: LabInfo | null;
  events: LabEvent[];
  runs: RunSummary[];
}

type TimelineT = ReturnType<typeof useTranslations<"timeline">>;

/** The last read as redis-cli shows it (`"11"`, `(nil)`), or the kind of error in the viewer's words. */
function lastText(t: TimelineT, s: ProbeSample | undefined): string {
  if (!s) return "—";
  if (s.outcome !== "error") return cliReplyLines(s).at(-1) ?? "";
  return s.errorKind ? t(`errorKind.${s.errorKind}`) : t("error");
}

/** Every line redis-cli printed for the last read (its redirect, its error's own words), for the tooltip. */
function lastReply(t: TimelineT, s: ProbeSample | undefined): string | undefined {
  if (!s) return undefined;
  const lines = cliReplyLines(s);
  return `${t("lastReply")}:\n${lines.length ? lines.join("\n") : lastText(t, s)}`;
}

export function AvailabilityTimeline({ lab, events, runs }: Props) {
  const samples = useSamples();
  const [windowIdx, setWindowIdx] = useState(1);
  const win = WINDOWS[windowIdx];
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const plotW = Math.max(50, width - LABEL_W - LAST_W);
  const probeMs = lab?.probeIntervalMs ?? 200;
  const bucketMs = chooseBucketMs(win.ms, plotW, probeMs);
  const running = runs.some((r) => r.status === "running");
  // The edge moves with the page's one-second clock (the steady samples come with it), or once a bucket when
  // buckets are longer; while a run is open its downtime area grows twice a second.
  const now = useServerNow(running ? 500 : Math.max(1000, bucketMs));
  // The right edge moves in whole buckets so the bars under it do not jitter between renders.
  const to = Math.ceil(now / bucketMs) * bucketMs;
  const from = to - win.ms;

  const lanes = useMemo(
    () => (lab?.keys ?? []).flatMap((key) => (lab?.lanes ?? []).map((lane) => ({ key, lane }))),
    [lab],
  );
  // Kept across renders: each batch folds in only the samples it appended, not the whole 30 minutes again.
  const [index] = useState(() => new BucketIndex());
  const { buckets, latencyMax } = useMemo(() => {
    const win = { from, to, bucketMs };
    index.update(samples, win, lanes);
    return { buckets: index.window(win), latencyMax: index.latencyMax(from, 10) };
  }, [index, samples, from, to, bucketMs, lanes]);
  const latest = useMemo(() => lastSamples(samples, lanes), [samples, lanes]);
  const all = useT();
  const t = useTranslations("timeline");
  const duration = useDuration();
  const markers = useMemo(() => markersIn(all, events, from, to), [all, events, from, to]);
  // The clock moves an area only while a run is open (its downtime still grows): otherwise each 500 ms step
  // would rebuild every area and redraw every lane's canvas with nothing changed.
  const areaClock = running ? now : to;
  const areas = useMemo(() => {
    const byLane = downtimeAreas(runsSince(runs, labEpoch(events)), from, areaClock);
    for (const [id, list] of byLane)
      byLane.set(
        id,
        list.map((a) => ({ ...a, label: t("down", { ms: duration(a.ms) }) })),
      );
    return byLane;
  }, [runs, events, from, areaClock, t, duration]);

  const hint = useMemo(() => t("hint", { bucket: duration(bucketMs) }), [t, duration, bucketMs]);

  const x = (time: number) => ((time - from) / (to - from)) * plotW;
  const labels = placeLabels(markers, x, plotW);
  const labelRows = labels.reduce((m, l) => Math.max(m, l.row + 1), 0);
  const ticks: number[] = [];
  // Only once measured: the server-rendered HTML cannot know the browser's clock.
  const step = tickStep(win.ms, plotW);
  if (width > 0) for (let tick = Math.ceil(from / step) * step; tick <= to; tick += step) ticks.push(tick);

  return (
    <Panel
      title={t("title")}
      hint={hint}
      testId="availability-timeline"
      className="shrink-0"
      overflows
      actions={<WindowPicker selected={windowIdx} onPick={setWindowIdx} />}
      bodyClassName="px-3 py-2"
    >
      <div ref={ref} className="relative">
        <div
          className="relative text-[12px] font-semibold"
          style={{ marginLeft: LABEL_W, height: Math.max(1, labelRows) * LABEL_ROW_H }}
        >
          {labels.map((l) => (
            <span
              key={l.id}
              title={`${clockTime(l.t)} ${l.message}`}
              className={`absolute overflow-hidden text-ellipsis whitespace-nowrap ${l.leftOfLine ? "-translate-x-full border-r-2 pr-1" : "border-l-2 pl-1"}`}
              style={{
                left: l.x,
                top: l.row * LABEL_ROW_H,
                color: l.color,
                borderColor: l.color,
                maxWidth: l.maxWidth,
              }}
            >
              {l.label}
            </span>
          ))}
        </div>
        {lanes.map(({ key, lane }) => {
          const id = laneId(key, lane);
          const last = latest.get(id);
          return (
            <div
              key={id}
              data-testid={`lane-${key}-${lane}`}
              data-last-outcome={last?.outcome ?? ""}
              className="flex items-center border-t border-slate-800/80"
              style={{ height: LANE_H + 2 }}
            >
              <div className="flex shrink-0 items-baseline gap-2 pr-2" style={{ width: LABEL_W }}>
                <span className="font-mono text-xl font-bold text-white">{key}</span>
                <span className="text-sm text-slate-400">{t(`lanes.${lane}`)}</span>
              </div>
              {width > 0 ? (
                <LaneChart
                  buckets={buckets.get(id) ?? NO_BUCKETS}
                  from={from}
                  to={to}
                  width={plotW}
                  height={LANE_H}
                  bucketMs={bucketMs}
                  latencyMax={latencyMax}
                  markers={markers}
                  areas={areas.get(id) ?? NO_AREAS}
                />
              ) : (
                <div style={{ width: plotW, height: LANE_H }} />
              )}
              <div
                className="shrink-0 truncate pl-2 text-right font-mono text-sm font-bold"
                style={{ width: LAST_W, color: last ? OUTCOME_COLORS[last.outcome] : "#64748b" }}
                title={lastReply(t, last)}
                data-reply={last ? cliReplyLines(last).join("\n") : undefined}
              >
                {lastText(t, last)}
              </div>
            </div>
          );
        })}
        <div
          className="relative h-5 border-t border-slate-700 font-mono text-[11px] text-slate-400"
          style={{ marginLeft: LABEL_W, width: plotW }}
        >
          {ticks.map((tick) => (
            <span key={tick} className="absolute -translate-x-1/2 pt-0.5" style={{ left: x(tick) }}>
              {clockTime(tick, false)}
            </span>
          ))}
        </div>
        {lanes.length === 0 ? <p className="py-6 text-center text-slate-500">{t("waiting")}</p> : null}
      </div>
    </Panel>
  );
}
