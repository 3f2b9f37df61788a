"use client";
import { memo, useMemo, useState } from "react";
import { clockTime } from "@/lib/format";
import type { EventKind, LabEvent } from "@/lib/types";
import { Badge, type Tone } from "../common/Badge";
import { Panel } from "../common/Panel";
import { shortenIds } from "../common/shortenIds";

const KIND_TONE: Partial<Record<EventKind, Tone>> = {
  "pod-deleted": "red",
  "pod-recreated": "sky",
  "pod-ready": "green",
  "pod-not-ready": "amber",
  "node-pfail": "orange",
  "node-fail": "red",
  "node-recovered": "green",
  "node-added": "sky",
  "node-forgotten": "slate",
  "failover-election": "amber",
  "replica-promoted": "emerald",
  "role-changed": "violet",
  "cluster-state": "amber",
  action: "violet",
  run: "sky",
  log: "slate",
};

const SHOWN = 300;

// Every kind, not only those seen so far: "node-fail" can be chosen before the failover happens.
const ALL_KINDS = Object.keys(KIND_TONE) as EventKind[];

function tone(e: LabEvent): Tone {
  if (e.kind === "cluster-state") return e.message.includes("ok") ? "green" : "red";
  return KIND_TONE[e.kind] ?? "slate";
}

/** Newest first: the projector shows what just happened without scrolling. */
export const EventLog = memo(function EventLog({ events }: { events: LabEvent[] }) {
  const [kind, setKind] = useState<EventKind | "all">("all");
  const shown = useMemo(() => {
    const out: LabEvent[] = [];
    for (let i = events.length - 1; i >= 0 && out.length < SHOWN; i--) {
      if (kind === "all" || events[i].kind === kind) out.push(events[i]);
    }
    return out;
  }, [events, kind]);
  return (
    <Panel
      title="Events"
      hint="newest first · observer, action and Redis-log events"
      testId="event-log"
      className="h-[380px] 2xl:h-auto 2xl:min-h-[260px] 2xl:flex-1"
      actions={
        <select
          aria-label="filter events by kind"
          data-testid="event-filter"
          value={kind}
          onChange={(e) => setKind(e.target.value as EventKind | "all")}
          className="rounded-md border border-slate-700 bg-slate-900 px-2 py-0.5 text-sm"
        >
          <option value="all">all kinds</option>
          {ALL_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      }
      bodyClassName="overflow-auto"
    >
      <ol className="divide-y divide-slate-800/80 text-sm">
        {shown.map((e) => (
          <li
            key={e.id}
            data-kind={e.kind}
            data-source={e.source}
            className={`flex gap-2 px-3 py-1 ${e.source === "log" ? "bg-slate-950/60 font-mono text-[12px] text-slate-400" : ""}`}
          >
            <span className="shrink-0 font-mono text-xs text-slate-500 tabular-nums">{clockTime(e.t)}</span>
            <Badge tone={tone(e)} className="h-fit shrink-0">
              {e.source === "log" ? "redis log" : e.kind}
            </Badge>
            <span
              title={e.message}
              className={`min-w-0 flex-1 break-words ${e.source === "log" ? "" : "text-slate-100"}`}
            >
              {shortenIds(e.message)}
              {e.actor ? <span className="ml-1 text-violet-300">— {e.actor}</span> : null}
            </span>
          </li>
        ))}
        {shown.length === 0 ? <li className="px-3 py-4 text-center text-slate-500">No events yet</li> : null}
      </ol>
    </Panel>
  );
});
