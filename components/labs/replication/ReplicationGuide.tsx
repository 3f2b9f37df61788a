"use client";
import { useTranslations } from "use-intl";
import type { GuideFocus, GuideStepId } from "@/lib/protocol";
import { replicationGuideSteps, type ReplicationGuideInput } from "@/lib/replicationGuide";
import { GuideSteps, type StepMessages, useShownSteps } from "../../guide/GuideSteps";
import { useSamples } from "../../lab/samples";

interface Props extends Omit<ReplicationGuideInput, "samples"> {
  focus: GuideFocus;
  onFocus: ((step: GuideStepId | null) => void) | null;
}

/** Lab A's guide (seed section 2): the same panel, test ids and instructor focus as lab B's, its own steps. */
export function ReplicationGuide({ focus, onFocus, ...props }: Props) {
  const samples = useSamples();
  const t = useTranslations("guide.replication");
  const steps = replicationGuideSteps({ ...props, samples });
  // The step ids and detail codes are the catalogue's by their types in lib/, so the keys built from them exist.
  const shown = useShownSteps(steps, t as StepMessages);
  return <GuideSteps title={t("title")} hint={t("hint")} focus={focus} onFocus={onFocus} steps={shown} />;
}
