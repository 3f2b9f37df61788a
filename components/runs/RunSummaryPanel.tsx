"use client";
import type { ReactNode } from "react";
import { useTranslations } from "use-intl";
import { clockTime } from "@/lib/format";
import { currentRun, keyDowntimeMs } from "@/lib/labGuide";
import { shortId } from "@/lib/topologyDiff";
import type { ProbeLane, RunSummary } from "@/lib/types";
import { Badge, type Tone } from "../common/Badge";
import { Panel } from "../common/Panel";
import { useDuration } from "../i18n/useFormat";
import { Elapsed } from "../repair/Elapsed";

const STATUS_TONE: Record<RunSummary["status"], Tone> = {
  running: "amber",
  recovered: "green",
  "timed-out": "red",
};

type RunsT = ReturnType<typeof useTranslations<"runs">>;

function Milestone({
  label,
  ms,
  waiting,
  bad,
}: {
  label: string;
  ms: number | null;
  /** A sentence, or the run's running time (an element that counts up by itself). */
  waiting: ReactNode;
  bad?: boolean;
}) {
  const duration = useDuration();
  const short = typeof waiting !== "string" || waiting.length < 12;
  return (
    <div className="rounded-lg bg-slate-800/70 px-3 py-1.5">
      <div className="text-[11px] tracking-wide text-slate-400 uppercase">{label}</div>
      <div
        className={`font-mono font-bold ${ms !== null || short ? "text-xl" : "text-base leading-tight"} ${ms !== null ? "text-white" : bad ? "text-red-300" : "text-slate-500"}`}
      >
        {ms !== null ? `+${duration(ms)}` : waiting}
      </div>
    </div>
  );
}

function DowntimeTable({ run }: { run: RunSummary }) {
  const t = useTranslations("runs");
  const lanesT = useTranslations("timeline.lanes");
  const duration = useDuration();
  const lanes = [...new Set(run.lanes.map((l) => l.lane))] as ProbeLane[];
  return (
    <table className="w-full text-sm" data-testid="run-downtime">
      <thead>
        <tr className="text-xs text-slate-400">
          <th className="py-1 text-left font-medium">{t("key")}</th>
          {lanes.map((l) => (
            <th key={l} className="py-1 text-right font-medium">
              {lanesT(l)}
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
                        {d.downtimeMs > 0 ? duration(d.downtimeMs) : "0"}
                      </span>
                      <span className="ml-1 text-xs text-slate-500">
                        {t("failedOf", { failed: d.failedReads, total: d.totalReads })}
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

/** What redis-cli printed while reads failed, per key and lane: the seed's terminal words, kept with the run. */
function RunReplies({ run }: { run: RunSummary }) {
  const t = useTranslations("runs");
  const lanesT = useTranslations("timeline.lanes");
  const withReplies = run.lanes.filter((l) => l.replies?.length);
  if (withReplies.length === 0) return null;
  return (
    <div className="mt-2 text-xs" data-testid="run-replies">
      <div className="text-slate-400">{t("replies")}</div>
      {withReplies.map((l) => (
        <div key={`${l.key}-${l.lane}`} className="flex gap-2" data-testid={`run-replies-${l.key}-${l.lane}`}>
          <span className="shrink-0 text-slate-400">
            <span className="font-mono font-bold text-slate-300">{l.key}</span> · {lanesT(l.lane)}
          </span>
          <span className="font-mono text-red-200" data-raw>
            {l.replies!.join(" → ")}
          </span>
        </div>
      ))}
    </div>
  );
}

function RunTitle({ run }: { run: RunSummary }) {
  const t = useTranslations("runs");
  return (
    <div className="flex flex-wrap items-center gap-2">
      {/* A ring, not a pulse: a pulse animates every frame for the whole run, on a page that must keep up. */}
      <Badge
        tone={STATUS_TONE[run.status]}
        className={run.status === "running" ? "ring-2 ring-amber-300/70" : ""}
      >
        {t("status", { status: run.status })}
      </Badge>
      <span className="text-base">
        {t("deleted")} <b className="font-mono">{run.pod}</b>{" "}
        <span className="text-slate-400">
          {t("what", {
            role: run.role ?? "unknown",
            id: run.nodeId ? shortId(run.nodeId) : "none",
            mode: run.mode,
          })}
        </span>
      </span>
      <span className="text-sm text-slate-400">
        {t("by", { actor: run.actor, time: clockTime(run.startedAt, false) })}
      </span>
    </div>
  );
}

/**
 * What the delete led to, in one sentence: no failover when the node came back with its own id, a rejoin
 * after a failover, or the new, empty node the seed repairs.
 */
function Outcome({ run, t }: { run: RunSummary; t: RunsT }) {
  const duration = useDuration();
  if (run.returnedNodeId === null) return null;
  const facts = {
    pod: run.pod,
    id: shortId(run.returnedNodeId),
    returned: duration(run.returnedAfterMs),
  };
  const same = run.returnedNodeId === run.nodeId;
  const sentence =
    run.outcome === "returned"
      ? t("outcome.returned", facts)
      : same
        ? t("outcome.rejoined", facts)
        : t("outcome.newNode", facts);
  const downs = run.keys
    .filter((k) => keyDowntimeMs(run, k) > 0)
    .map((k) => t("outcome.unavailable", { key: k, down: duration(keyDowntimeMs(run, k)) }));
  const tail =
    run.outcome === "returned" ? [downs.length ? downs.join(" · ") : t("outcome.noReadFailed")] : [];
  return (
    <p
      className={`text-sm ${same ? "text-emerald-300" : "text-amber-300"}`}
      data-testid="run-outcome"
      data-outcome={run.outcome ?? ""}
      data-same-node={same ? "true" : "false"}
    >
      {[sentence, ...tail].join("; ")}
    </p>
  );
}

function ExportLinks({ run, t }: { run: RunSummary; t: RunsT }) {
  return (
    <span className="flex gap-2 text-xs">
      <a
        className="text-sky-300 underline hover:text-sky-200"
        href={`/api/runs/${run.id}`}
        target="_blank"
        rel="noreferrer"
      >
        {t("json")}
      </a>
      <a
        className="text-sky-300 underline hover:text-sky-200"
        href={`/api/runs/${run.id}?format=csv`}
        download
      >
        {t("csv")}
      </a>
    </span>
  );
}

function podWaiting(run: RunSummary, t: RunsT, waiting: ReactNode): ReactNode {
  const newNode = run.returnedNodeId !== null && run.returnedNodeId !== run.nodeId;
  if (run.status === "running" && (run.clusterOkAfterMs === null || !newNode)) return waiting;
  if (newNode) return t("needsRepair");
  // Its own id came back: it turns ready by itself at its next readiness check.
  return run.returnedNodeId !== null ? "…" : t("needsRepair");
}

export function RunSummaryPanel({ runs, resetAt }: { runs: RunSummary[]; resetAt: number | null }) {
  const t = useTranslations("runs");
  const duration = useDuration();
  const run = currentRun(runs, resetAt);
  // Only a running run counts up, and only its running time re-renders as it does (4 times a second), not the
  // panel; a finished one (or none) leaves the panel to its data.
  const earlier = run ? runs.slice(1) : runs;
  const waiting =
    run?.status === "running" ? (
      <>
        … <Elapsed since={run.startedAt} />
      </>
    ) : (
      t("never")
    );
  const returned = run?.outcome === "returned";
  return (
    <Panel
      title={t("title")}
      hint={t("hint")}
      testId="run-summary"
      className="shrink-0"
      actions={run ? <ExportLinks run={run} t={t} /> : null}
      bodyClassName="overflow-auto px-4 py-2 space-y-2"
    >
      {run ? (
        <div data-testid={`run-${run.id}`} data-status={run.status} className="space-y-2">
          <RunTitle run={run} />
          <div className={`grid gap-2 ${returned ? "grid-cols-2" : "grid-cols-4"}`}>
            {returned ? (
              <Milestone label={t("backAfter")} ms={run.returnedAfterMs} waiting={waiting} />
            ) : (
              <>
                <Milestone label={t("failAfter")} ms={run.failAfterMs} waiting={waiting} />
                <Milestone label={t("promotedAfter")} ms={run.promotedAfterMs} waiting={waiting} />
                <Milestone
                  label={t("clusterOk")}
                  ms={run.clusterOkAfterMs}
                  waiting={run.clusterStayedOk ? t("stayedOk") : waiting}
                />
              </>
            )}
            <Milestone
              label={t("podReadyAfter")}
              ms={run.podReadyAfterMs}
              waiting={podWaiting(run, t, waiting)}
              bad={run.returnedNodeId !== run.nodeId}
            />
          </div>
          <Outcome run={run} t={t} />
          {run.promotedNodeId ? (
            <p className="text-sm text-emerald-300">
              {t("promotedNode", { id: shortId(run.promotedNodeId) })}
            </p>
          ) : null}
          <DowntimeTable run={run} />
          <RunReplies run={run} />
        </div>
      ) : (
        <p className="py-4 text-center text-slate-400">
          {t("empty", { reset: resetAt !== null ? "yes" : "no", key: "a" })}
        </p>
      )}
      {earlier.length > 0 ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-400">{t("earlier", { n: earlier.length })}</summary>
          <ul className="mt-1 space-y-1" data-testid="earlier-runs">
            {earlier.map((r) => {
              const worst = Math.max(0, ...r.lanes.map((l) => l.downtimeMs));
              return (
                <li key={r.id} className="flex flex-wrap items-center gap-2 border-t border-slate-800 pt-1">
                  <Badge tone={STATUS_TONE[r.status]}>{t("status", { status: r.status })}</Badge>
                  <span className="font-mono">{r.pod}</span>
                  <span className="text-slate-400">{clockTime(r.startedAt, false)}</span>
                  <span>
                    {r.outcome === "returned"
                      ? t("earlierReturned")
                      : t("earlierPromoted", { ms: `+${duration(r.promotedAfterMs)}` })}
                  </span>
                  <span className="text-red-300">{t("maxDown", { ms: duration(worst) })}</span>
                  <ExportLinks run={r} t={t} />
                </li>
              );
            })}
          </ul>
        </details>
      ) : null}
    </Panel>
  );
}
