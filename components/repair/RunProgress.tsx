"use client";
import { useTranslations } from "use-intl";
import { clockTime } from "@/lib/format";
import type { RepairRun } from "@/lib/protocol";
import { stepCounts, stepDurationMs, stepTitle } from "@/lib/repairProgress";
import { Badge } from "../common/Badge";
import { Elapsed } from "./Elapsed";
import { StepStatusIcon } from "./StepStatusIcon";
import { useDuration } from "../i18n/useFormat";
import { STEP_KIND } from "./stepKind";
import { usePlanText } from "./usePlanText";

const OUTCOME_STYLE: Record<RepairRun["status"], string> = {
  running: "border-sky-500/50 bg-sky-500/10 text-sky-100",
  done: "border-green-500/60 bg-green-500/15 text-green-100",
  failed: "border-red-500/70 bg-red-500/15 text-red-100",
};

function RunOutcome({ run }: { run: RepairRun }) {
  const t = useTranslations("repair");
  const note = usePlanText();
  const duration = useDuration();
  const counts = stepCounts(run);
  const text = t("runStatus", { status: run.status, done: counts.ok, total: run.steps.length });
  return (
    <div
      data-testid="repair-status"
      data-status={run.status}
      className={`rounded-lg border px-3 py-2 ${OUTCOME_STYLE[run.status]}`}
    >
      <div className="flex items-center gap-2">
        {run.status === "running" ? <StepStatusIcon status="running" /> : null}
        <span className="text-base font-bold">{text}</span>
        <span className="ml-auto font-mono text-sm opacity-80">
          {run.endedAt === null ? <Elapsed since={run.startedAt} /> : duration(run.endedAt - run.startedAt)}
        </span>
      </div>
      {run.outcome ? <p className="mt-1 text-sm leading-relaxed">{note(run.outcome)}</p> : null}
    </div>
  );
}

/** A repair as it runs, streamed by the server: each step's status, what Redis answered, and how long it took. */
export function RunProgress({ run }: { run: RepairRun }) {
  const t = useTranslations("repair");
  const note = usePlanText();
  const duration = useDuration();
  return (
    <div data-testid="repair-run" data-run-id={run.id} className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2 text-sm text-slate-400">
        <span className="font-semibold text-slate-200">{t("runTitle")}</span>
        <span>{t("runStarted", { time: clockTime(run.startedAt, false), actor: run.actor })}</span>
        {run.auto ? <Badge tone="violet">{t("autoBadge")}</Badge> : null}
      </div>

      {run.replanned ? (
        <p
          data-testid="repair-replanned"
          className="rounded-md border border-amber-400/50 bg-amber-400/10 px-2 py-1 text-sm text-amber-100"
        >
          ↻ {t("replanned")}
        </p>
      ) : null}

      <ol className="flex flex-col gap-1.5">
        {run.plan.steps.map((step, i) => {
          const result = run.steps[i];
          if (!result) return null;
          const kind = STEP_KIND[step.kind];
          return (
            <li
              key={i}
              data-testid={`repair-step-${i}`}
              data-status={result.status}
              className={`flex items-start gap-2 rounded-md border px-2 py-1.5 ${
                result.status === "failed"
                  ? "border-red-500/60 bg-red-950/40"
                  : result.status === "running"
                    ? "border-sky-500/50 bg-sky-950/30"
                    : "border-slate-700 bg-slate-800/40"
              }`}
            >
              <StepStatusIcon status={result.status} />
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="text-xs font-semibold text-slate-500">{i + 1}.</span>
                  <Badge tone={kind.tone}>{kind.label}</Badge>
                  <span className="font-mono text-sm text-slate-100">{note(stepTitle(step))}</span>
                  <span className="ml-auto font-mono text-xs text-slate-400">
                    {result.status === "running" && result.startedAt !== null ? (
                      <Elapsed since={result.startedAt} />
                    ) : (
                      duration(stepDurationMs(result, result.endedAt ?? result.startedAt ?? 0))
                    )}
                  </span>
                </div>
                {result.detail ? (
                  <p
                    className={`mt-0.5 font-mono text-xs break-words ${
                      result.status === "failed" ? "text-red-200" : "text-slate-300"
                    }`}
                  >
                    {note(result.detail)}
                  </p>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>

      <RunOutcome run={run} />
    </div>
  );
}
