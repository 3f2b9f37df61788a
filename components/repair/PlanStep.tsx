"use client";
import { useTranslations } from "use-intl";
import { forgetTiming, stepTitle } from "@/lib/repairProgress";
import { FORGET_BAN_MS, type RepairStep } from "@/lib/repairPlan";
import { Badge } from "../common/Badge";
import { shortPod } from "../common/podName";
import { CommandBlock } from "./CommandBlock";
import { STEP_KIND } from "./stepKind";
import { usePlanText } from "./usePlanText";

/** Steps that give up data on purpose: shown so nobody runs them without reading why. */
const DATA_LOSS = new Set<RepairStep["kind"]>(["takeover", "addslots"]);

/** One numbered step of the plan: what it does, why (the teaching text), and the commands to type. */
export function PlanStep({ step, index }: { step: RepairStep; index: number }) {
  const kind = STEP_KIND[step.kind];
  const text = usePlanText();
  const t = useTranslations("repair");
  return (
    <li
      data-testid={`repair-plan-step-${index}`}
      data-kind={step.kind}
      className={`rounded-lg border p-3 ${
        DATA_LOSS.has(step.kind) ? "border-amber-500/70 bg-amber-950/30" : "border-slate-700 bg-slate-800/50"
      }`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="flex h-7 w-7 items-center justify-center rounded-full bg-slate-700 text-sm font-bold text-white">
          {index + 1}
        </span>
        <Badge tone={kind.tone} className="text-sm">
          {kind.label}
        </Badge>
        <span className="font-mono text-sm font-semibold text-slate-100">{text(stepTitle(step))}</span>
      </div>
      {step.kind === "forget" ? (
        <p className="mt-2 rounded-md border border-amber-400/40 bg-amber-400/10 px-2 py-1 text-sm text-amber-100">
          <b className="mr-1 rounded bg-amber-400/25 px-1 font-mono text-amber-100">
            {t("banWindow", { seconds: FORGET_BAN_MS / 1000 })}
          </b>
          {text(forgetTiming(step))}{" "}
          <span className="text-amber-200/80">({step.onPods.map(shortPod).join(", ")})</span>
        </p>
      ) : null}
      {DATA_LOSS.has(step.kind) ? (
        <p
          data-testid={`repair-plan-data-loss-${index}`}
          className="mt-2 rounded-md border border-amber-500/60 bg-amber-500/15 px-2 py-1 text-sm font-semibold text-amber-100"
        >
          ⚠ {t("dataLoss")}
        </p>
      ) : null}
      <p className="mt-2 text-sm leading-relaxed text-slate-300">{text(step.reason)}</p>
      <div className="mt-2">
        <CommandBlock commands={step.commands} testId={`repair-plan-commands-${index}`} />
      </div>
    </li>
  );
}
