import { type EventKind, type LabEvent, nodeIdOf, podOf } from "@/lib/events";
import { formatDuration } from "@/lib/format";
import type { Translator } from "@/lib/i18n/catalogue";
import { eventText } from "@/lib/i18n/eventText";
import { shortId } from "@/lib/topologyDiff";
import type { RunSummary } from "@/lib/types";
import { shortPod } from "../common/podName";

export const MARKER_KINDS: ReadonlySet<EventKind> = new Set([
  "pod-deleted",
  "node-fail",
  "replica-promoted",
  "cluster-state",
  "delete-requested",
  "repair-started",
  "lab-reset-started",
]);

export interface Marker {
  id: number;
  t: number;
  label: string;
  color: string;
  message: string;
}

/** The short label on the timeline, from the event's kind and facts, in the viewer's language. */
function describe(t: Translator, e: LabEvent): { label: string; color: string } {
  const pod = podOf(e);
  const nodeId = nodeIdOf(e);
  const who = pod ? shortPod(pod) : nodeId ? shortId(nodeId) : "";
  switch (e.kind) {
    case "delete-requested":
      return { label: t("markers.delete", { pod: who }), color: "#f8fafc" };
    case "repair-started":
      return { label: t("markers.repair"), color: "#c4b5fd" };
    case "lab-reset-started":
      return { label: t("markers.reset"), color: "#c4b5fd" };
    case "pod-deleted":
      return { label: t("markers.terminating", { pod: who }), color: "#fca5a5" };
    case "node-fail":
      return { label: t("markers.fail", { id: shortId(e.params.nodeId) }), color: "#ef4444" };
    case "replica-promoted":
      return { label: t("markers.promoted", { pod: who }), color: "#34d399" };
    case "cluster-state": {
      const ok = e.params.state === "ok";
      return {
        label: t(ok ? "markers.clusterOk" : "markers.clusterFail"),
        color: ok ? "#4ade80" : "#f87171",
      };
    }
    default:
      return { label: e.kind, color: "#94a3b8" };
  }
}

const SAME_DELETE_MS = 3000;

/**
 * When the lab on screen began: the last lab switch. Events and runs before it belong to the other lab's pods
 * (lab B's FAIL and promotion marks have no place on lab A's lanes, nor lab A's on lab B's after a switch back).
 */
export function labEpoch(events: readonly LabEvent[]): number {
  for (let i = events.length - 1; i >= 0; i--)
    if (events[i].kind === "lab-switch-started") return events[i].t;
  return -Infinity;
}

/** The runs of the lab on screen (see labEpoch). */
export function runsSince(runs: RunSummary[], epoch: number): RunSummary[] {
  return epoch === -Infinity ? runs : runs.filter((r) => r.startedAt >= epoch);
}

// A marker's words depend on its event and the language alone: ICU-formatted once, not again at each 500 ms
// step of the window while a run is open. A new translator (language switch) starts a new cache.
const worded = new WeakMap<Translator, WeakMap<LabEvent, Pick<Marker, "label" | "color" | "message">>>();
function wordsOf(t: Translator, e: LabEvent): Pick<Marker, "label" | "color" | "message"> {
  let byEvent = worded.get(t);
  if (!byEvent) worded.set(t, (byEvent = new WeakMap()));
  let words = byEvent.get(e);
  if (!words) byEvent.set(e, (words = { message: eventText(t, e), ...describe(t, e) }));
  return words;
}

export function markersIn(t: Translator, events: LabEvent[], from: number, to: number): Marker[] {
  const start = Math.max(from, labEpoch(events));
  const inWindow = events.filter((e) => e.t >= start && e.t <= to && MARKER_KINDS.has(e.kind));
  // The click and the pod turning Terminating are one moment on this scale; keep the click, it names who.
  const clicked = inWindow.filter((e) => e.kind === "delete-requested");
  const out: Marker[] = [];
  for (const e of inWindow) {
    if (
      e.kind === "pod-deleted" &&
      clicked.some((a) => podOf(a) === podOf(e) && Math.abs(a.t - e.t) < SAME_DELETE_MS)
    ) {
      continue;
    }
    out.push({ id: e.seq, t: e.t, ...wordsOf(t, e) });
  }
  return out.sort((a, b) => a.t - b.t);
}

const MERGE_PX = 4;

/** Markers a few pixels apart (promotion and `cluster ok` often share a millisecond) share one label. */
export function mergeClose(markers: Marker[], x: (t: number) => number): Marker[] {
  const out: Marker[] = [];
  for (const m of markers) {
    const last = out[out.length - 1];
    if (last && Math.abs(x(m.t) - x(last.t)) < MERGE_PX) {
      out[out.length - 1] = {
        ...last,
        label: `${last.label} · ${m.label}`,
        message: `${last.message}\n${m.message}`,
      };
    } else out.push(m);
  }
  return out;
}

export interface PlacedLabel extends Marker {
  x: number;
  row: number;
  /** Drawn to the left of its line: the newest events sit at the right edge, where there is no room. */
  leftOfLine: boolean;
  /** Set when the label is wider than the room on either side of its line: it is cut short there (ellipsis). */
  maxWidth?: number;
}

const CHAR_PX = 7.2;
/** Hangul, kana and CJK glyphs are about twice as wide as Latin ones at the labels' size. */
const WIDE_PX = 13;
const MAX_ROWS = 4;

/** About how wide a label is drawn, so the Korean page's labels are placed by their own width. */
export function labelWidth(label: string): number {
  let w = 12;
  for (const c of label) w += c.codePointAt(0)! >= 0x1100 ? WIDE_PX : CHAR_PX;
  return w;
}

/**
 * Labels of events close in time (FAIL, promoted, cluster ok land within a second) go on separate rows. A label
 * that finds no free row among MAX_ROWS is left out, never drawn over another: a projector shows four readable
 * labels, and every event keeps its line in the lanes and its row in the event log.
 */
export function placeLabels(markers: Marker[], x: (t: number) => number, plotW: number): PlacedLabel[] {
  const rows: [number, number][][] = [];
  /** Where a label would go: the first row it fits on, a new one while there are fewer than MAX_ROWS, or -1. */
  const fit = (px: number, label: string) => {
    const full = labelWidth(label);
    // Right of the line where it fits, else left of it; a label too wide for either side (a merged one on a
    // narrow plot) takes the wider side and is cut short there, not clipped by the plot's edge.
    const leftOfLine = px + full > plotW && (px - full >= 0 || px > plotW - px);
    const room = Math.max(0, leftOfLine ? px : plotW - px);
    const w = Math.min(full, room);
    const span: [number, number] = leftOfLine ? [px - w, px] : [px, px + w];
    let row = rows.findIndex((r) => r.every(([a, b]) => span[1] < a || span[0] > b));
    if (row < 0 && rows.length < MAX_ROWS) row = rows.length;
    return { span, leftOfLine, row, maxWidth: w < full ? w : undefined };
  };
  const placed: PlacedLabel[] = [];
  for (const m of mergeClose(markers, x)) {
    const px = x(m.t);
    const p = fit(px, m.label);
    if (p.row < 0) continue;
    (rows[p.row] ??= []).push(p.span);
    placed.push({
      ...m,
      x: px,
      row: p.row,
      leftOfLine: p.leftOfLine,
      ...(p.maxWidth ? { maxWidth: p.maxWidth } : {}),
    });
  }
  return placed;
}

export interface DowntimeArea {
  x1: number;
  x2: number;
  label: string;
  ms: number;
}

/** Per lane, the stretches the runs measured as down, so the gap carries its length as a label. */
export function downtimeAreas(runs: RunSummary[], from: number, now: number): Map<string, DowntimeArea[]> {
  const out = new Map<string, DowntimeArea[]>();
  for (const run of runs) {
    if ((run.endedAt ?? now) < from) continue;
    for (const l of run.lanes) {
      if (l.firstFailureAt === null || l.downtimeMs <= 0) continue;
      const x2 = l.recoveredAt ?? (run.status === "running" ? now : (run.endedAt ?? now));
      const id = `${l.key}/${l.lane}`;
      out.set(id, [
        ...(out.get(id) ?? []),
        { x1: l.firstFailureAt, x2, label: formatDuration(l.downtimeMs), ms: l.downtimeMs },
      ]);
    }
  }
  return out;
}

/** A downtime label and where it goes: `left` of where its reads started failing, or `inside` its area. */
export interface PlacedAreaLabel {
  area: DowntimeArea;
  x: number;
  side: "left" | "inside";
}

/** The lanes' labels are larger than the markers' (13 px bold against 11 px). */
const AREA_LABEL_SCALE = 1.2;
/** Room kept between two labels, so "down 2.8 s" and "down 3.3 s" never read as one. */
const AREA_LABEL_GAP_PX = 6;

/**
 * One lane's "down 3.2 s" labels. A label sits left of where its reads started failing; where that would cover
 * another label or run off the lane, it goes inside its own area if the area is wide enough, else it is left
 * out (the run panel holds every figure). The newest is placed first: it is the failover the room is watching.
 */
export function placeAreaLabels(
  areas: readonly DowntimeArea[],
  x: (t: number) => number,
  width: number,
): PlacedAreaLabel[] {
  const kept: [number, number][] = [];
  const free = ([a, b]: [number, number]) =>
    a >= 0 && b <= width && kept.every(([c, d]) => b + AREA_LABEL_GAP_PX <= c || a >= d + AREA_LABEL_GAP_PX);
  const out: PlacedAreaLabel[] = [];
  for (const area of [...areas].sort((p, q) => q.x1 - p.x1)) {
    const x1 = Math.max(0, x(area.x1));
    const x2 = Math.min(width, x(area.x2));
    if (x2 < 0 || x1 > width) continue;
    const w = labelWidth(area.label) * AREA_LABEL_SCALE;
    const left: [number, number] = [x1 - w, x1];
    const inside: [number, number] = [x1, x1 + w];
    const side = free(left) ? "left" : inside[1] <= x2 && free(inside) ? "inside" : null;
    if (!side) continue;
    kept.push(side === "left" ? left : inside);
    out.push({ area, x: x1, side });
  }
  return out;
}
