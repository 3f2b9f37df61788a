"use client";
import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import type { DashboardState } from "@/lib/clientState";
import { memoOnState } from "../common/memoOnState";
import { optionText, questionText } from "@/lib/i18n/predictionText";
import { type PredictionView, QUESTIONS_OF_LAB, type QuestionKind } from "@/lib/predictions";
import type { Ack } from "@/lib/protocol";
import { keySlot } from "@/lib/slots";
import { Panel } from "../common/Panel";
import { useErrorText } from "../i18n/useErrorText";
import { useT } from "../i18n/useT";
import type { LabConnection } from "../lab/LabConnection";
import { PredictionResult } from "./PredictionResult";

interface Props {
  state: DashboardState;
  connection: LabConnection | null;
}

/** This browser's answer, kept across a reload: the server publishes only counts, never who chose what. */
const MINE_KEY = "failover-lab-prediction";

function readMine(): { questionId: string; option: string } | null {
  try {
    const v = JSON.parse(localStorage.getItem(MINE_KEY) ?? "null") as {
      questionId?: unknown;
      option?: unknown;
    };
    return typeof v?.questionId === "string" && typeof v.option === "string"
      ? { questionId: v.questionId, option: v.option }
      : null;
  } catch {
    return null;
  }
}

/**
 * "Predict, then watch": the instructor puts a measurable question to the room before a delete; students pick
 * an answer on their devices; the run that follows decides, and everyone sees the counts against the
 * measurement.
 */
function PredictionPanel({ state, connection }: Props) {
  const t = useTranslations("predict");
  const tAll = useT();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const [mine, setMine] = useState<{ questionId: string; option: string } | null>(null);
  const lab = state.lab?.lab ?? "cluster";
  const kinds = QUESTIONS_OF_LAB[lab];
  const [picked, setPicked] = useState<QuestionKind>(kinds[0]);
  const view = state.prediction;
  const isInstructor = state.session?.role === "instructor";
  const key = state.lab?.keys[0] ?? "a";

  useEffect(() => setMine(readMine()), []);
  // A lab switch offers the other lab's questions.
  useEffect(() => {
    if (!kinds.includes(picked)) setPicked(kinds[0]);
  }, [kinds, picked]);

  const done = (ack: Ack) => setError(ack.ok ? null : t("failed", { error: errorText(ack) }));

  const answer = async (v: PredictionView, option: string) => {
    if (!connection) return;
    const ack = await connection.answerPrediction(v.question.id, option);
    done(ack);
    if (ack.ok && ack.result) {
      setMine(ack.result);
      localStorage.setItem(MINE_KEY, JSON.stringify(ack.result));
    }
  };
  const myOption = view && mine?.questionId === view.question.id ? mine.option : null;
  const status = !view
    ? null
    : view.status === "open"
      ? isInstructor
        ? t("hidden")
        : t("choose")
      : view.status === "closed"
        ? view.runId
          ? t("running")
          : t("closed")
        : null;

  return (
    <Panel title={t("title")} hint={t("hint")} testId="prediction-panel" className="shrink-0">
      <div className="flex flex-col gap-3 p-3">
        {view ? (
          <>
            <p
              data-testid="prediction-question"
              data-status={view.status}
              data-question={view.question.kind}
              className="text-lg font-semibold text-slate-100"
            >
              {questionText(tAll, {
                kind: view.question.kind,
                key: view.question.key,
                slot: view.question.slot,
              })}
            </p>
            <p className="text-sm text-slate-300" aria-live="polite">
              <span data-testid="prediction-count" data-answers={view.answers}>
                {t("answers", { n: view.answers })}
              </span>
              {status ? ` · ${status}` : null}
            </p>
            {view.status === "open" && view.runId ? (
              <p className="text-xs text-slate-400">{t("running")}</p>
            ) : null}
            {view.status === "open" ? (
              <ul className="grid grid-cols-1 gap-2">
                {view.question.options.map((o) => {
                  const chosen = myOption === o.id;
                  return (
                    <li key={o.id}>
                      {isInstructor ? (
                        <span className="block rounded-lg border border-slate-700 px-3 py-1.5 font-mono text-sm text-slate-200">
                          {optionText(tAll, o)}
                        </span>
                      ) : (
                        <button
                          type="button"
                          data-testid={`prediction-option-${o.id}`}
                          data-pod={o.kind === "pod" ? o.pod : undefined}
                          data-mine={chosen ? "true" : "false"}
                          aria-pressed={chosen}
                          disabled={!connection}
                          onClick={() => void answer(view, o.id)}
                          className={`flex min-h-14 w-full items-center gap-2 rounded-lg px-3 py-3 text-left font-mono text-base ${chosen ? "border-2 border-sky-300 bg-sky-500/20 text-white" : "border border-slate-600 bg-slate-800 text-slate-100 hover:bg-slate-700"}`}
                        >
                          <span aria-hidden="true">{chosen ? "●" : "○"}</span>
                          <span className="min-w-0 flex-1 break-all">{optionText(tAll, o)}</span>
                          {chosen ? (
                            <span className="font-sans text-xs text-sky-100">{t("yours")}</span>
                          ) : null}
                        </button>
                      )}
                    </li>
                  );
                })}
              </ul>
            ) : (
              <PredictionResult view={view} mine={myOption} />
            )}
          </>
        ) : (
          <p className="text-sm text-slate-400">{isInstructor ? t("none") : t("noneStudent")}</p>
        )}
        {isInstructor ? (
          <div className="flex flex-wrap items-center gap-2 border-t border-slate-800 pt-2">
            {view?.status === "open" ? (
              <button
                type="button"
                data-testid="prediction-close"
                disabled={!connection}
                onClick={() => void connection?.closePrediction().then(done)}
                className="rounded-md bg-amber-500/20 px-3 py-1.5 text-sm font-semibold text-amber-100 ring-1 ring-amber-400/60"
              >
                {t("close")}
              </button>
            ) : (
              <>
                <label className="flex min-w-0 flex-1 flex-col gap-1 text-xs text-slate-400">
                  {t("pick")}
                  <select
                    data-testid="prediction-pick"
                    value={picked}
                    onChange={(e) => setPicked(e.target.value as QuestionKind)}
                    className="rounded-md border border-slate-700 bg-slate-800 px-2 py-1 text-sm text-slate-100"
                  >
                    {kinds.map((k) => (
                      <option key={k} value={k}>
                        {questionText(tAll, { kind: k, key, slot: keySlot(key) })}
                      </option>
                    ))}
                  </select>
                </label>
                <button
                  type="button"
                  data-testid="prediction-open"
                  disabled={!connection}
                  onClick={() => void connection?.openPrediction(picked).then(done)}
                  className="self-end rounded-md bg-violet-500/25 px-3 py-1.5 text-sm font-semibold text-violet-100 ring-1 ring-violet-400/60"
                >
                  {t("open")}
                </button>
              </>
            )}
          </div>
        ) : null}
        {error ? (
          <p role="alert" className="text-sm text-red-300">
            {error}
          </p>
        ) : null}
      </div>
    </Panel>
  );
}

export const Prediction = memoOnState(PredictionPanel, ["lab", "prediction", "session"]);
