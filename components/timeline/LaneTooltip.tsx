"use client";
import { useTranslations } from "use-intl";
import { isCliError } from "@/lib/cliReply";
import { clockTime } from "@/lib/format";
import type { ProbeErrorKind } from "@/lib/types";
import { useDuration } from "../i18n/useFormat";
import type { LanePoint } from "@/lib/laneGeometry";

interface TooltipProps {
  active?: boolean;
  payload?: readonly { payload?: LanePoint }[];
}

export function LaneTooltip({ active, payload }: TooltipProps) {
  const t = useTranslations("timeline");
  const duration = useDuration();
  const point = payload?.[0]?.payload;
  if (!active || !point) return null;
  const b = point.bucket;
  const total = b.ok + b.nil + b.error;
  return (
    <div
      data-testid="lane-tooltip"
      className="rounded-md border border-slate-600 bg-slate-950/95 px-3 py-2 text-xs text-slate-200 shadow-xl"
    >
      <div className="font-mono text-slate-400">{clockTime(b.t)}</div>
      {total === 0 ? (
        <div className="text-slate-400">{t("noSamples")}</div>
      ) : (
        <>
          <div>
            <span className="text-green-300">{t("okCount", { n: b.ok })}</span> ·{" "}
            <span className="text-slate-300">{t("nilCount", { n: b.nil })}</span> ·{" "}
            <span className="text-red-300">{t("errorCount", { n: b.error })}</span>
          </div>
          <div>{t("latencyMax", { ms: duration(b.latencyMax) })}</div>
          {Object.entries(b.errorKinds).map(([kind, n]) => (
            <div key={kind} className="font-semibold text-red-300">
              {t(`errorKind.${kind as ProbeErrorKind}`)} × {n}
            </div>
          ))}
          {b.lastError && isCliError(b.lastError) ? (
            <div className="max-w-72 font-mono text-red-200" data-raw>
              {b.lastError}
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}
