"use client";
import { useTranslations } from "use-intl";
import { guideSteps, type GuideInput, type GuideParam, type StepStatus } from "@/lib/labGuide";
import { Panel } from "../common/Panel";
import { useServerNow } from "../common/serverClock";
import { useDuration } from "../i18n/useFormat";

// The active step is always on screen, so it is ringed, not pulsing: an endless animation costs an idle page a
// composited frame 60 times a second.
const MARK: Record<StepStatus, string> = {
  done: "bg-green-500 text-green-950",
  active: "bg-sky-500 text-white ring-2 ring-sky-300",
  todo: "bg-slate-700 text-slate-300",
  skipped: "bg-slate-800 text-slate-500",
};

export function LabGuide(props: Omit<GuideInput, "now">) {
  const now = useServerNow(1000);
  const t = useTranslations("guide");
  const duration = useDuration();
  const tLanes = useTranslations("timeline.lanes");
  const steps = guideSteps({ ...props, now });
  const text = (params: Record<string, GuideParam>) =>
    Object.fromEntries(
      Object.entries(params).map(([k, v]) => [
        k,
        typeof v !== "object"
          ? v
          : "lanes" in v
            ? v.lanes.map((l) => tLanes(l as "cluster")).join(" · ")
            : duration(v.ms),
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
              className={`flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-sm font-bold ${MARK[s.status]}`}
              title={s.status === "skipped" ? t("skipped") : undefined}
            >
              {s.status === "done" ? "✓" : s.status === "skipped" ? "–" : i + 1}
            </span>
            <div className="min-w-0">
              <div
                className={`text-[15px] font-semibold ${s.status === "todo" || s.status === "skipped" ? "text-slate-400" : "text-white"} ${s.status === "skipped" ? "line-through decoration-slate-600" : ""}`}
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
