"use client";
import { useTranslations } from "use-intl";
import { replicationGuideSteps, type ReplicationGuideInput } from "@/lib/replicationGuide";
import { Panel } from "../../common/Panel";
import { GUIDE_MARK } from "../../guide/LabGuide";
import { useDuration } from "../../i18n/useFormat";
import { useSamples } from "../../lab/samples";

/** Lab A's guide (seed section 2): the same panel and test ids as lab B's, its own steps. */
export function ReplicationGuide(props: Omit<ReplicationGuideInput, "samples">) {
  const samples = useSamples();
  const t = useTranslations("guide.replication");
  const duration = useDuration();
  const steps = replicationGuideSteps({ ...props, samples });
  const text = (params: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(params).map(([k, v]) => [
        k,
        v !== null && typeof v === "object" ? duration((v as { ms: number | null }).ms) : v,
      ]),
    ) as Record<string, string | number>;
  return (
    <Panel
      title={t("title")}
      hint={t("hint")}
      testId="lab-guide"
      className="shrink-0"
      bodyClassName="overflow-auto px-3 py-1.5"
    >
      <ol className="space-y-0.5">
        {steps.map((s, i) => (
          <li
            key={s.id}
            data-testid={`guide-step-${s.id}`}
            data-status={s.status}
            className={`flex gap-2.5 rounded-md px-1.5 py-0.5 ${s.status === "active" ? "bg-sky-500/10 ring-1 ring-sky-500/50" : ""}`}
          >
            <span
              className={`flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-sm font-bold ${GUIDE_MARK[s.status]}`}
            >
              {s.status === "done" ? "✓" : i + 1}
            </span>
            <div className="min-w-0">
              <div
                className={`text-[15px] font-semibold ${s.status === "todo" ? "text-slate-400" : "text-white"}`}
              >
                {t(`steps.${s.id}`, { key: s.key })}
              </div>
              <div className="font-mono text-[11px] leading-tight break-words text-slate-400">
                {t(`detail.${s.detail.code}`, text(s.detail.params) as never)}
              </div>
            </div>
          </li>
        ))}
      </ol>
    </Panel>
  );
}
