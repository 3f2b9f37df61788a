"use client";
import { useTranslations } from "use-intl";
import type { RepairStepStatus } from "@/lib/protocol";

export function StepStatusIcon({ status }: { status: RepairStepStatus }) {
  const t = useTranslations("repair");
  const label = t("stepStatus", { status });
  const common = "inline-flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-sm font-bold";
  return (
    <span role="img" aria-label={label} title={label} className="inline-flex">
      {status === "running" ? (
        <span className="h-6 w-6 animate-spin rounded-full border-[3px] border-sky-400/30 border-t-sky-300" />
      ) : status === "ok" ? (
        <span className={`${common} bg-green-500/20 text-green-300 ring-1 ring-green-500/60`}>✓</span>
      ) : status === "failed" ? (
        <span className={`${common} bg-red-500/25 text-red-200 ring-1 ring-red-500/70`}>✗</span>
      ) : (
        <span className={`${common} text-slate-500 ring-1 ring-slate-600`}>·</span>
      )}
    </span>
  );
}
