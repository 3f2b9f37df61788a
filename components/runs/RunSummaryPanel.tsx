"use client";
import { clockTime, formatDuration } from "@/lib/format";
import { shortId } from "@/lib/topologyDiff";
import type { ProbeLane, RunSummary } from "@/lib/types";
import { Badge, type Tone } from "../common/Badge";
import { Panel } from "../common/Panel";
import { useServerNow } from "../common/serverClock";
import { LANE_NAMES } from "../timeline/AvailabilityTimeline";

const STATUS_TONE: Record<RunSummary["status"], Tone> = {
  running: "amber",
  recovered: "green",
  "timed-out": "red",
};

function Milestone({
  label,
  ms,
  waiting,
  bad,
}: {
  label: string;
  ms: number | null;
  waiting: string;
  bad?: boolean;
}) {
  return (
    <div className="rounded-lg bg-slate-800/70 px-3 py-1.5">
      <div className="text-[11px] tracking-wide text-slate-400 uppercase">{label}</div>
      <div
        className={`font-mono font-bold ${ms !== null || waiting.length < 12 ? "text-xl" : "text-base leading-tight"} ${ms !== null ? "text-white" : bad ? "text-red-300" : "text-slate-500"}`}
      >
        {ms !== null ? `+${formatDuration(ms)}` : waiting}
      </div>
    </div>
  );
}

function DowntimeTable({ run }: { run: RunSummary }) {
  const lanes = [...new Set(run.lanes.map((l) => l.lane))] as ProbeLane[];
  return (
    <table className="w-full text-sm" data-testid="run-downtime">
      <thead>
        <tr className="text-xs text-slate-400">
          <th className="py-1 text-left font-medium">key</th>
          {lanes.map((l) => (
            <th key={l} className="py-1 text-right font-medium">
              {LANE_NAMES[l]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {run.keys.map((key) => (
          <tr key={key} className="border-t border-slate-800">
            <td className="py-1 font-mono text-lg font-bold">{key}</td>
            {lanes.map((lane) => {
              const d = run.lanes.find((l) => l.key === key && l.lane === lane);
              return (
                <td key={lane} className="py-1 text-right font-mono" data-testid={`downtime-${key}-${lane}`}>
                  {d ? (
                    <>
                      <span
                        className={d.downtimeMs > 0 ? "text-lg font-bold text-red-300" : "text-green-300"}
                      >
                        {d.downtimeMs > 0 ? formatDuration(d.downtimeMs) : "0"}
                      </span>
                      <span className="ml-1 text-xs text-slate-500">
                        {d.failedReads}/{d.totalReads} failed
                      </span>
                    </>
                  ) : (
                    "—"
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RunTitle({ run }: { run: RunSummary }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Badge tone={STATUS_TONE[run.status]} className={run.status === "running" ? "animate-pulse" : ""}>
        {run.status}
      </Badge>
      <span className="text-base">
        deleted <b className="font-mono">{run.pod}</b>{" "}
        <span className="text-slate-400">
          ({run.role ?? "?"}
          {run.nodeId ? ` ${shortId(run.nodeId)}` : ""},{" "}
          {run.mode === "crash" ? "crash / SIGKILL" : "graceful"})
        </span>
      </span>
      <span className="text-sm text-slate-400">
        by {run.actor} at {clockTime(run.startedAt, false)}
      </span>
    </div>
  );
}

function ExportLinks({ run }: { run: RunSummary }) {
  return (
    <span className="flex gap-2 text-xs">
      <a
        className="text-sky-300 underline hover:text-sky-200"
        href={`/api/runs/${run.id}`}
        target="_blank"
        rel="noreferrer"
      >
        JSON
      </a>
      <a
        className="text-sky-300 underline hover:text-sky-200"
        href={`/api/runs/${run.id}?format=csv`}
        download
      >
        CSV
      </a>
    </span>
  );
}

export function RunSummaryPanel({ runs }: { runs: RunSummary[] }) {
  const now = useServerNow(250);
  const run = runs[0];
  const earlier = runs.slice(1);
  const elapsed = run ? (run.endedAt ?? now) - run.startedAt : 0;
  const waiting = run?.status === "running" ? `… ${formatDuration(elapsed)}` : "never";
  return (
    <Panel
      title="Run"
      hint="one delete → recovery, measured"
      testId="run-summary"
      className="shrink-0"
      actions={run ? <ExportLinks run={run} /> : null}
      bodyClassName="overflow-auto px-4 py-2 space-y-2"
    >
      {run ? (
        <div data-testid={`run-${run.id}`} data-status={run.status} className="space-y-2">
          <RunTitle run={run} />
          <div className="grid grid-cols-4 gap-2">
            <Milestone label="FAIL after" ms={run.failAfterMs} waiting={waiting} />
            <Milestone label="promoted after" ms={run.promotedAfterMs} waiting={waiting} />
            <Milestone
              label="cluster_state ok"
              ms={run.clusterOkAfterMs}
              waiting={run.clusterStayedOk ? "stayed ok" : waiting}
            />
            <Milestone
              label="pod ready after"
              ms={run.podReadyAfterMs}
              waiting={
                run.status === "running" && run.clusterOkAfterMs === null && !run.clusterStayedOk
                  ? waiting
                  : "not ready — needs repair"
              }
              bad
            />
          </div>
          {run.promotedNodeId ? (
            <p className="text-sm text-emerald-300">★ promoted node {shortId(run.promotedNodeId)}</p>
          ) : null}
          <DowntimeTable run={run} />
        </div>
      ) : (
        <p className="py-4 text-center text-slate-400">
          No run yet. Delete the master of <code className="font-mono text-white">a</code> to start one.
        </p>
      )}
      {earlier.length > 0 ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-400">{earlier.length} earlier run(s)</summary>
          <ul className="mt-1 space-y-1" data-testid="earlier-runs">
            {earlier.map((r) => {
              const worst = Math.max(0, ...r.lanes.map((l) => l.downtimeMs));
              return (
                <li key={r.id} className="flex flex-wrap items-center gap-2 border-t border-slate-800 pt-1">
                  <Badge tone={STATUS_TONE[r.status]}>{r.status}</Badge>
                  <span className="font-mono">{r.pod}</span>
                  <span className="text-slate-400">{clockTime(r.startedAt, false)}</span>
                  <span>promoted +{formatDuration(r.promotedAfterMs)}</span>
                  <span className="text-red-300">max down {formatDuration(worst)}</span>
                  <ExportLinks run={r} />
                </li>
              );
            })}
          </ul>
        </details>
      ) : null}
    </Panel>
  );
}
