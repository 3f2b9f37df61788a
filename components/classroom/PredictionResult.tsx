"use client";
import { useTranslations } from "use-intl";
import type { PredictionView } from "@/lib/predictions";
import { optionText } from "@/lib/i18n/predictionText";
import { useDuration } from "../i18n/useFormat";
import { useT } from "../i18n/useT";

interface Props {
  view: PredictionView;
  /** This viewer's own answer, to mark it among the bars. */
  mine: string | null;
}

/**
 * Every choice with how many picked it, once no answer can change; after the run, the measurement and the
 * choice it falls in, marked by a check and the word "measured" (never by colour alone).
 */
export function PredictionResult({ view, mine }: Props) {
  const t = useTranslations("predict");
  const tAll = useT();
  const duration = useDuration();
  const counts = view.counts ?? {};
  const top = Math.max(1, ...Object.values(counts));
  const result = view.result;
  const q = view.question;

  return (
    <div data-testid="prediction-result" data-status={view.status} className="flex flex-col gap-2">
      {result ? (
        <p data-testid="prediction-measured" className="text-sm text-slate-100">
          <b className="font-semibold">{t("result")}: </b>
          {result.measured.kind === "pod"
            ? t("measuredPod", { pod: result.measured.pod ?? "none", slot: String(q.slot ?? "?") })
            : result.measured.kind === "duration"
              ? t("measuredDuration", {
                  known: result.measured.ms === null ? "no" : "yes",
                  key: q.key,
                  duration: duration(result.measured.ms),
                  lane: result.measured.lane ?? "",
                })
              : t("measuredValue", {
                  lost: result.measured.lost === null ? "unknown" : result.measured.lost ? "yes" : "no",
                  key: q.key,
                })}
        </p>
      ) : null}
      {result?.runStatus === "timed-out" ? <p className="text-xs text-amber-200">{t("timedOut")}</p> : null}
      <ul className="flex flex-col gap-1.5">
        {q.options.map((o) => {
          const n = counts[o.id] ?? 0;
          const correct = result?.correct === o.id;
          return (
            <li
              key={o.id}
              data-testid={`prediction-bar-${o.id}`}
              data-count={n}
              data-correct={correct ? "true" : "false"}
              className={`rounded-md px-2 py-1 ${correct ? "border-2 border-dashed border-emerald-300 bg-emerald-500/10" : "border border-slate-700"}`}
            >
              <div className="flex flex-wrap items-baseline gap-x-2 text-sm">
                <span className="min-w-0 flex-1 font-mono break-all text-slate-100">
                  {optionText(tAll, o)}
                </span>
                {mine === o.id ? <span className="text-xs text-sky-200">● {t("yours")}</span> : null}
                {correct ? (
                  <span className="text-xs font-bold text-emerald-200" data-testid="prediction-correct">
                    ✓ {t("right")}
                  </span>
                ) : null}
                <span className="tabular-nums text-slate-300">{t("count", { n })}</span>
              </div>
              <div className="mt-1 h-2 rounded bg-slate-800" aria-hidden="true">
                <div
                  className={`h-2 rounded ${correct ? "bg-emerald-400" : "bg-slate-400"}`}
                  style={{ width: `${(100 * n) / top}%` }}
                />
              </div>
            </li>
          );
        })}
      </ul>
      {result && result.correct === null ? <p className="text-xs text-slate-300">{t("noneRight")}</p> : null}
    </div>
  );
}
