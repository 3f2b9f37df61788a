"use client";
import { useTranslations } from "use-intl";
import { guideSteps, type GuideInput } from "@/lib/labGuide";
import type { GuideFocus, GuideStepId } from "@/lib/protocol";
import { useServerNow } from "../common/serverClock";
import { useSamples } from "../lab/samples";
import { GuideSteps, type StepMessages, useShownSteps } from "./GuideSteps";

interface Props extends Omit<GuideInput, "now" | "samples"> {
  /** The step the instructor has put the room on. */
  focus: GuideFocus;
  /** The instructor's: put the whole room on a step (null: let the lab decide again). Students get null. */
  onFocus: ((step: GuideStepId | null) => void) | null;
}

/** Lab B's guide (seed section 3): its steps checked against the topology, the probes and the runs. */
export function LabGuide({ focus, onFocus, ...props }: Props) {
  const now = useServerNow(1000);
  const samples = useSamples();
  const t = useTranslations("guide");
  const steps = guideSteps({ ...props, samples, now });
  // The step ids and detail codes are the catalogue's by their types in lib/, so the keys built from them exist.
  const shown = useShownSteps(steps, t as StepMessages);
  return <GuideSteps title={t("title")} hint={t("hint")} focus={focus} onFocus={onFocus} steps={shown} />;
}
