"use client";
import { memo, useEffect, useMemo, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { EVENT_KINDS, type EventKind, type LabEvent, actorOf, sourceOf } from "@/lib/events";
import { clockTime } from "@/lib/format";
import { eventText } from "@/lib/i18n/eventText";
import { useT } from "../i18n/useT";
import { Badge, type Tone } from "../common/Badge";
import { Panel } from "../common/Panel";
import { shortenIds } from "../common/shortenIds";

const KIND_TONE: Record<EventKind, Tone> = {
  "pod-deleted": "red",
  "pod-recreated": "sky",
  "pod-ready": "green",
  "pod-not-ready": "amber",
  "node-pfail": "orange",
  "node-fail": "red",
  "node-recovered": "green",
  "node-added": "sky",
  "node-forgotten": "slate",
  "replica-promoted": "emerald",
  "role-changed": "violet",
  "cluster-state": "amber",
  log: "slate",
  "delete-requested": "violet",
  "delete-failed": "red",
  "auto-repair-set": "violet",
  "lab-reset-started": "violet",
  "lab-reset-done": "violet",
  "repair-started": "violet",
  "repair-step": "violet",
  "repair-finished": "violet",
  "replica-full-resync": "orange",
  "replica-link-down": "red",
  "replica-link-up": "green",
  "replica-master-changed": "sky",
  "replication-role-changed": "violet",
  "master-replid-changed": "amber",
  "keys-lost": "red",
  "key-set": "violet",
  "lab-switch-started": "violet",
  "lab-switched": "violet",
  "replication-run-ended": "sky",
  "grant-changed": "violet",
  "prediction-opened": "violet",
  "prediction-closed": "violet",
  "run-ended": "sky",
};

/** What a reader who scrolls down can read back through. */
const SHOWN = 300;
/**
 * At the top, where the newest are, only this many: the rows below the view are older, and nobody sees them
 * until they scroll. 300 rows are ~2,500 DOM nodes, half of a page that has run a while, and each (with
 * content-visibility) an intersection to compute, which every frame of every open page walked past in a
 * failover. At least a few screens of the box (a row is 29 px or more), so the view never runs out of rows
 * before the reader scrolls.
 */
const TOP_SHOWN = 60;
const MIN_ROW_PX = 24;

/** Kinds whose sentence does not already name who acted, so the log adds "— name". */
const ACTOR_SUFFIX: ReadonlySet<EventKind> = new Set([
  "delete-failed",
  "lab-reset-done",
  "lab-switched",
  "repair-step",
  "repair-finished",
]);

function tone(e: LabEvent): Tone {
  if (e.kind === "cluster-state") return e.params.state === "ok" ? "green" : "red";
  if (e.kind === "repair-finished") return e.params.ok ? "green" : "red";
  return KIND_TONE[e.kind];
}

/**
 * One event, rendered once: an event never changes after it is published, so a new one renders one row, not the
 * 300 sentences (ICU formatting was most of the log's share of a failover's longest task). Off-screen rows skip
 * layout and paint.
 */
const EventRow = memo(function EventRow({ event: e }: { event: LabEvent }) {
  const t = useTranslations("eventLog");
  const tAll = useT();
  const source = sourceOf(e);
  const actor = actorOf(e);
  const text = eventText(tAll, e);
  return (
    <li
      data-kind={e.kind}
      data-source={source}
      className={`flex gap-2 px-3 py-1 [contain-intrinsic-size:auto_29px] [content-visibility:auto] ${source === "log" ? "bg-slate-950/60 font-mono text-[12px] text-slate-400" : ""}`}
    >
      <span className="shrink-0 font-mono text-xs text-slate-400 tabular-nums">{clockTime(e.t)}</span>
      <Badge tone={tone(e)} className="h-fit shrink-0">
        {t(`kinds.${e.kind}`)}
      </Badge>
      <span
        title={text}
        data-raw={source === "log" ? "" : undefined}
        className={`min-w-0 flex-1 break-words ${source === "log" ? "" : "text-slate-100"}`}
      >
        {shortenIds(text)}
        {actor && ACTOR_SUFFIX.has(e.kind) ? <span className="ml-1 text-violet-300">— {actor}</span> : null}
      </span>
    </li>
  );
});

/** Newest first: the projector shows what just happened without scrolling. */
export const EventLog = memo(function EventLog({ events }: { events: LabEvent[] }) {
  const [kind, setKind] = useState<EventKind | "all">("all");
  const t = useTranslations("eventLog");
  const box = useRef<HTMLDivElement>(null);
  // Scrolled down, the reader gets all SHOWN; back at the top, the rows below the view go again (neither moves
  // what the reader sees: rows come and go only below it).
  const [reading, setReading] = useState(false);
  const [boxHeight, setBoxHeight] = useState(0);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const resized = new ResizeObserver(([entry]) => setBoxHeight(entry.contentRect.height));
    resized.observe(el);
    return () => resized.disconnect();
  }, []);
  const count = reading ? SHOWN : Math.min(SHOWN, Math.max(TOP_SHOWN, 3 * Math.ceil(boxHeight / MIN_ROW_PX)));
  const shown = useMemo(() => {
    const out: LabEvent[] = [];
    for (let i = events.length - 1; i >= 0 && out.length < count; i--) {
      if (kind === "all" || events[i].kind === kind) out.push(events[i]);
    }
    return out;
  }, [events, kind, count]);
  return (
    <Panel
      title={t("title")}
      hint={t("hint")}
      testId="event-log"
      className="h-[380px] 2xl:h-auto 2xl:min-h-[260px] 2xl:flex-1"
      actions={
        <select
          aria-label={t("filter")}
          data-testid="event-filter"
          value={kind}
          onChange={(e) => setKind(e.target.value as EventKind | "all")}
          className="rounded-md border border-slate-700 bg-slate-900 px-2 py-0.5 text-sm"
        >
          <option value="all">{t("all")}</option>
          {/* Every kind, not only those seen so far: FAIL can be chosen before the failover happens. */}
          {EVENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </select>
      }
      bodyClassName="flex flex-col"
    >
      <div
        ref={box}
        data-testid="event-rows"
        tabIndex={0}
        onScroll={(e) => setReading(e.currentTarget.scrollTop > 0)}
        className="min-h-0 flex-1 overflow-auto"
      >
        <ol className="divide-y divide-slate-800/80 text-sm">
          {shown.map((e) => (
            <EventRow key={e.seq} event={e} />
          ))}
          {shown.length === 0 ? <li className="px-3 py-4 text-center text-slate-500">{t("empty")}</li> : null}
        </ol>
      </div>
    </Panel>
  );
});
