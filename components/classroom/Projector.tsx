"use client";
import { createContext, type ReactNode, useContext, useEffect, useMemo } from "react";
import { useTranslations } from "use-intl";
import type { DashboardState } from "@/lib/clientState";
import { currentStep, projectorPanels } from "@/lib/projectorPanels";
import { useServerNow } from "../common/serverClock";
import { useSamples } from "../lab/samples";
import { PROJECTOR_KEY, setStored, useStored } from "./stored";
import { topologyOf } from "@/lib/labs/cluster/state";

/** Projector mode, remembered in this browser; `data-projector` on <html> switches the large, high-contrast styles. */
export function useProjector(): [boolean, (on: boolean) => void] {
  const on = useStored(PROJECTOR_KEY) === "on";
  useEffect(() => {
    if (on) document.documentElement.dataset.projector = "on";
    else delete document.documentElement.dataset.projector;
  }, [on]);
  return [on, (v) => setStored(PROJECTOR_KEY, v ? "on" : null)];
}

export function ProjectorToggle() {
  const t = useTranslations("classroom");
  const [on, setOn] = useProjector();
  return (
    <button
      type="button"
      data-testid="projector-toggle"
      aria-pressed={on}
      title={t("projectorTitle")}
      onClick={() => setOn(!on)}
      className={`rounded-md border px-2 py-0.5 text-sm ${on ? "border-amber-300 bg-amber-300 font-semibold text-slate-950" : "border-slate-600 text-slate-200 hover:bg-slate-800"}`}
    >
      <span aria-hidden>{on ? "◉ " : "○ "}</span>
      {t("projector")}
    </button>
  );
}

/** null: every panel; else the test ids of the panels the current step needs. */
const ShownPanels = createContext<ReadonlySet<string> | null>(null);

/** Panels outside the current step are hidden (not unmounted: a repair plan on screen keeps its state). */
export function useHiddenByProjector(testId: string | undefined): boolean {
  const shown = useContext(ShownPanels);
  return shown !== null && testId !== undefined && !shown.has(testId);
}

export function ProjectorPanels({ state, children }: { state: DashboardState; children: ReactNode }) {
  const [on] = useProjector();
  const now = useServerNow(1000, on);
  const samples = useSamples();
  const lab = state.lab?.lab ?? "cluster";
  const step = on
    ? currentStep(state.guide.step, {
        lab: state.lab,
        pods: state.pods,
        topology: topologyOf(state.labState),
        samples,
        runs: state.runs,
        resetAt: state.settings.resetAt,
        now,
      })
    : null;
  const shown = useMemo(() => (on ? projectorPanels(lab, step) : null), [on, lab, step]);
  return <ShownPanels.Provider value={shown}>{children}</ShownPanels.Provider>;
}
