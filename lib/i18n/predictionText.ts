// A prediction's question and choices in the viewer's words, for the panel and the event log alike. Pod names,
// slot numbers, key names and `(nil)` stay as Redis and kubectl print them.
import type { PredictionOption, QuestionKind } from "../predictions";
import type { Translator } from "./catalogue";

/** Seconds without trailing zeros: the range edges are halves and multiples of the node timeout. */
function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

export function questionText(
  t: Translator,
  q: { kind: QuestionKind; key: string; slot: number | null },
): string {
  switch (q.kind) {
    case "newMaster":
      return t("predict.question.newMaster", { slot: String(q.slot ?? "?") });
    case "downtime":
      return t("predict.question.downtime", { key: q.key });
    case "replicaRead":
      return t("predict.question.replicaRead", { key: q.key });
  }
}

export function optionText(t: Translator, o: PredictionOption): string {
  switch (o.kind) {
    case "pod":
      return o.pod;
    case "range":
      if (o.toMs === null) return t("predict.rangeAbove", { from: seconds(o.fromMs) });
      if (o.fromMs === 0) return t("predict.rangeBelow", { to: seconds(o.toMs) });
      return t("predict.rangeBetween", { from: seconds(o.fromMs), to: seconds(o.toMs) });
    case "value":
      if (o.id === "nil") return t("predict.nil");
      return t("predict.kept", { known: o.value === null ? "no" : "yes", value: o.value ?? "" });
  }
}
