"use client";
import { guideSteps, type GuideInput, type StepStatus } from "@/lib/labGuide";
import { Panel } from "../common/Panel";
import { useServerNow } from "../common/serverClock";

const MARK: Record<StepStatus, string> = {
  done: "bg-green-500 text-green-950",
  active: "bg-sky-500 text-white animate-pulse",
  todo: "bg-slate-700 text-slate-300",
};

export function LabGuide(props: Omit<GuideInput, "now">) {
  const now = useServerNow(1000);
  const steps = guideSteps({ ...props, now });
  return (
    <Panel
      title="Lab B — cluster failover"
      hint="steps tick as the live cluster shows them"
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
            >
              {s.status === "done" ? "✓" : i + 1}
            </span>
            <div className="min-w-0">
              <div
                className={`text-[15px] font-semibold ${s.status === "todo" ? "text-slate-400" : "text-white"}`}
              >
                {s.title}
              </div>
              <div className="font-mono text-[11px] leading-tight break-words text-slate-400">{s.detail}</div>
            </div>
          </li>
        ))}
      </ol>
    </Panel>
  );
}
