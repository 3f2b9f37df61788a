// A repair plan's note (lib/planNotes.ts) as a sentence in one language. Params that are notes themselves
// (a pod's state inside a refusal, the findings of the summary) are rendered first, in the same language.
import type { PlanCode, PlanNote } from "../planNotes";
import type { Translator } from "./catalogue";

type Flat = Record<string, string | number>;

export function planText(t: Translator, n: PlanNote): string {
  const flat: Flat = {};
  for (const [k, v] of Object.entries(n.params) as [string, unknown][]) {
    if (Array.isArray(v)) {
      const sep = t(k === "todo" ? "plan.todoSeparator" : "plan.listSeparator");
      flat[k] = (v as PlanNote[]).map((x) => planText(t, x)).join(sep);
    } else if (typeof v === "object" && v !== null) flat[k] = planText(t, v as PlanNote);
    else flat[k] = v as string | number;
  }
  // Codes and params are typed where notes are made (lib/planNotes.ts); here the key is a code from the wire.
  return (t as unknown as (key: `plan.${PlanCode}`, values: Flat) => string)(`plan.${n.code}`, flat);
}
