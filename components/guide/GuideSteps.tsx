"use client";
import { memo, useCallback, useEffect, useMemo, useRef } from "react";
import { useTranslations } from "use-intl";
import type { GuideParam, StepStatus } from "@/lib/labGuide";
import type { GuideFocus, GuideStepId } from "@/lib/protocol";
import { Panel } from "../common/Panel";
import { useJsonStable } from "../common/useJsonStable";
import { useDuration } from "../i18n/useFormat";

// The active step is always on screen, so it is ringed, not pulsing: an endless animation costs an idle page a
// composited frame 60 times a second.
const GUIDE_MARK: Record<StepStatus, string> = {
  done: "bg-green-500 text-green-950",
  active: "bg-sky-500 text-white ring-2 ring-sky-300",
  todo: "bg-slate-700 text-slate-300",
  skipped: "bg-slate-800 text-slate-500",
};

/** One step as the panel shows it: its texts already in the viewer's language. */
export interface ShownStep {
  id: GuideStepId;
  status: StepStatus;
  title: string;
  detail: string;
}

/** A step as a lab's guide works it out (lib/labGuide.ts, lib/replicationGuide.ts): its facts, not words. */
interface StepFacts {
  id: GuideStepId;
  status: StepStatus;
  key: string;
  detail: { code: string; params: Record<string, GuideParam> };
}

/** A lab's messages: `steps.<id>` with the step's key, `detail.<code>` with its facts in the viewer's words. */
export type StepMessages = (key: string, values?: Record<string, string | number>) => string;

/**
 * The steps in the viewer's language, worded again only when a step says something else. The guide works its
 * steps out on every samples batch and clock second; worded each time, they were a dozen ICU messages a render
 * (LabGuide and GuideSteps 140 ms of page 0's JavaScript in a 2-run bench:latency).
 */
export function useShownSteps(steps: StepFacts[], t: StepMessages): ShownStep[] {
  const facts = useJsonStable(steps);
  const text = useGuideParams();
  return useMemo(
    () =>
      facts.map((s) => ({
        id: s.id,
        status: s.status,
        title: t(`steps.${s.id}`, { key: s.key }),
        detail: t(`detail.${s.detail.code}`, text(s.detail.params)),
      })),
    [facts, t, text],
  );
}

/** A step's facts as message params, in the viewer's words: durations formatted, lane lists named. */
function useGuideParams(): (params: Record<string, GuideParam>) => Record<string, string | number> {
  const duration = useDuration();
  const tLanes = useTranslations("timeline.lanes");
  return useCallback(
    (params) =>
      Object.fromEntries(
        Object.entries(params).map(([k, v]) => [
          k,
          v === null || typeof v !== "object"
            ? v
            : "lanes" in v
              ? v.lanes.map((l) => tLanes(l as "cluster")).join(" · ")
              : duration(v.ms),
        ]),
      ),
    [duration, tLanes],
  );
}

interface Props {
  title: string;
  hint: string;
  steps: ShownStep[];
  /** The step the instructor has put the room on. */
  focus: GuideFocus;
  /** The instructor's: put the whole room on a step (null: let the lab decide again). Students get null. */
  onFocus: ((step: GuideStepId | null) => void) | null;
}

/**
 * Every lab's guide: its steps with what the dashboard saw of each, the one the instructor put the room on,
 * and (for the instructor) the buttons that move the room. Each lab says its own steps (lib/labGuide.ts,
 * lib/replicationGuide.ts); the panel, its test ids and the focus are the same in both.
 */
export const GuideSteps = memo(function GuideSteps({ title, hint, steps, focus, onFocus }: Props) {
  const t = useTranslations("guide");
  const focused = useRef<HTMLLIElement | null>(null);
  // A student's screen follows the instructor: the step comes into view when the instructor moves on.
  useEffect(() => {
    if (focus.step && !onFocus) focused.current?.scrollIntoView({ block: "nearest" });
  }, [focus.step, onFocus]);
  return (
    <Panel
      title={title}
      hint={focus.step && focus.by ? t("focusHint", { by: focus.by }) : hint}
      actions={
        onFocus && focus.step ? (
          <button
            type="button"
            data-testid="guide-focus-clear"
            onClick={() => onFocus(null)}
            className="rounded-md border border-slate-600 px-2 py-0.5 text-xs text-slate-200 hover:bg-slate-800"
          >
            {t("focusClear")}
          </button>
        ) : null
      }
      testId="lab-guide"
      className="shrink-0"
      bodyClassName="overflow-auto px-3 py-1.5"
    >
      <ol className="space-y-0.5">
        {steps.map((s, i) => (
          <li
            key={s.id}
            ref={focus.step === s.id ? focused : undefined}
            data-testid={`guide-step-${s.id}`}
            data-status={s.status}
            data-focus={focus.step === s.id ? "true" : undefined}
            aria-current={focus.step === s.id ? "step" : undefined}
            className={`flex gap-2.5 rounded-md px-1.5 py-0.5 ${focus.step === s.id ? "bg-violet-500/15 ring-2 ring-violet-400" : s.status === "active" ? "bg-sky-500/10 ring-1 ring-sky-500/50" : ""}`}
          >
            <span
              className={`flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-sm font-bold ${GUIDE_MARK[s.status]}`}
              title={s.status === "skipped" ? t("skipped") : undefined}
            >
              {s.status === "done" ? "✓" : s.status === "skipped" ? "–" : i + 1}
            </span>
            <div className="min-w-0 flex-1">
              {focus.step === s.id ? (
                <div data-testid="guide-focus-marker" className="text-xs font-semibold text-violet-200">
                  <span aria-hidden>▶ </span>
                  {t("focusHere", { by: focus.by ?? "" })}
                </div>
              ) : null}
              <div
                className={`text-[15px] font-semibold ${s.status === "todo" || s.status === "skipped" ? "text-slate-400" : "text-white"} ${s.status === "skipped" ? "line-through decoration-slate-600" : ""}`}
              >
                {s.title}
              </div>
              <div className="font-mono text-[11px] leading-tight break-words text-slate-400">{s.detail}</div>
            </div>
            {onFocus ? (
              <button
                type="button"
                data-testid={`guide-focus-${s.id}`}
                aria-pressed={focus.step === s.id}
                title={t("focusLabel", { step: i + 1 })}
                onClick={() => onFocus(s.id)}
                className={`self-start rounded-md border px-1.5 py-0.5 text-xs whitespace-nowrap ${focus.step === s.id ? "border-violet-400 bg-violet-500/20 text-violet-100" : "border-slate-600 text-slate-300 hover:bg-slate-800"}`}
              >
                {t("focusButton")}
                <span className="sr-only"> ({t("focusLabel", { step: i + 1 })})</span>
              </button>
            ) : null}
          </li>
        ))}
      </ol>
    </Panel>
  );
});
