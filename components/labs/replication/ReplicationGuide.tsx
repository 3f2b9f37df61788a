"use client";
import { useTranslations } from "use-intl";
import type { GuideFocus, GuideStepId } from "@/lib/protocol";
import { replicationGuideSteps, type ReplicationGuideInput } from "@/lib/replicationGuide";
import { GuideSteps } from "../../guide/GuideSteps";
import { useDuration } from "../../i18n/useFormat";
import { useSamples } from "../../lab/samples";

interface Props extends Omit<ReplicationGuideInput, "samples"> {
  focus: GuideFocus;
  onFocus: ((step: GuideStepId | null) => void) | null;
}

/** Lab A's guide (seed section 2): the same panel, test ids and instructor focus as lab B's, its own steps. */
export function ReplicationGuide({ focus, onFocus, ...props }: Props) {
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
    <GuideSteps
      title={t("title")}
      hint={t("hint")}
      focus={focus}
      onFocus={onFocus}
      steps={steps.map((s) => ({
        id: s.id,
        status: s.status,
        title: t(`steps.${s.id}`, { key: s.key }),
        detail: t(`detail.${s.detail.code}`, text(s.detail.params) as never),
      }))}
    />
  );
}
