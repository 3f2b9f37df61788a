"use client";
import { useTranslations } from "use-intl";
import { clockTime } from "@/lib/format";
import type { RepairPlan } from "@/lib/repairPlan";
import { CommandBlock } from "./CommandBlock";
import { PlanStep } from "./PlanStep";
import { usePlanText } from "./usePlanText";

interface Props {
  plan: RepairPlan;
  /** When the plan was fetched (browser time). */
  at: number;
}

/** The plan as the seed's manual repair: summary, numbered steps, refusals, and the one-command alternative. */
export function PlanView({ plan, at }: Props) {
  const t = useTranslations("repair");
  const text = usePlanText();
  return (
    <div
      data-testid="repair-plan"
      data-healthy={String(plan.healthy)}
      data-steps={plan.steps.length}
      className="flex flex-col gap-3"
    >
      <div className="flex items-start gap-2">
        <p className="flex-1 text-sm leading-relaxed text-slate-200">{text(plan.summary)}</p>
        <span className="shrink-0 font-mono text-xs text-slate-500" title={t("plannedTitle")}>
          {t("planned", { time: clockTime(at, false) })}
        </span>
      </div>

      {plan.healthy ? (
        <p
          data-testid="repair-nothing"
          className="rounded-lg border border-green-500/50 bg-green-500/10 px-3 py-2 text-base font-semibold text-green-200"
        >
          ✓ {t("nothingToRepair")}
        </p>
      ) : plan.steps.length === 0 ? (
        <p className="rounded-lg border border-slate-600 bg-slate-800/60 px-3 py-2 text-sm text-slate-300">
          {t("noSafeStep")}
        </p>
      ) : (
        <ol className="flex flex-col gap-2">
          {plan.steps.map((s, i) => (
            <PlanStep key={`${s.kind}-${i}`} step={s} index={i} />
          ))}
        </ol>
      )}

      {plan.refused.length > 0 ? (
        <div
          data-testid="repair-refused"
          className="rounded-lg border border-amber-400/50 bg-amber-400/10 p-3"
        >
          <h3 className="text-sm font-semibold text-amber-200">
            ⚠ {t("refusedTitle", { n: plan.refused.length })}
          </h3>
          <ul className="mt-1 flex list-disc flex-col gap-1 pl-5 text-sm text-amber-100">
            {plan.refused.map((r, i) => (
              <li key={i}>{text(r.reason)}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {plan.alternative ? (
        <details
          data-testid="repair-alternative"
          className="rounded-lg border border-slate-700 bg-slate-800/40"
        >
          <summary className="cursor-pointer px-3 py-2 text-sm font-semibold text-slate-200 select-none">
            {t("alternative")}{" "}
            <code className="font-mono">redis-cli --cluster add-node … --cluster-slave</code>
          </summary>
          <div className="flex flex-col gap-2 px-3 pb-3">
            <p className="text-sm leading-relaxed text-slate-300">{text(plan.alternative.reason)}</p>
            <CommandBlock commands={plan.alternative.commands} testId="repair-alternative-commands" />
          </div>
        </details>
      ) : null}

      {plan.steps.length > 0 ? (
        <p className="text-xs text-slate-500">
          <code className="font-mono">$REDIS_PASSWORD</code> {t("passwordNote")}
        </p>
      ) : null}
    </div>
  );
}
