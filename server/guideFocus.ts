import { describeZodError, type GuideFocus, guideStepRequestSchema } from "@/lib/protocol";
import type { Person } from "@/lib/permissions";
import { LAB_DEFINITIONS } from "@/lib/labs";
import { ActionError } from "./actions/actionError";
import type { Store } from "./store";

/**
 * The instructor puts the whole room on one step of the running lab's guide (`guide:step`, `POST /api/guide`);
 * every browser gets it as the `guide` stream. The gate has already decided who may: this only validates (a
 * step of the lab that runs, not of the other one) and stores.
 */
export function setGuideStep(store: Store, who: Person, input: unknown): GuideFocus {
  const r = guideStepRequestSchema.safeParse(input);
  if (!r.success) throw new ActionError(400, "invalid_request", { detail: describeZodError(r.error) });
  const steps: readonly string[] = LAB_DEFINITIONS[store.lab.lab].guideSteps;
  if (r.data.step !== null && !steps.includes(r.data.step))
    throw new ActionError(400, "invalid_request", {
      detail: `step: "${r.data.step}" is not a step of the ${store.lab.lab} lab (${steps.join(", ")})`,
    });
  const focus: GuideFocus =
    r.data.step === null
      ? { step: null, by: null, at: null }
      : { step: r.data.step, by: who.name, at: Date.now() };
  store.setGuide(focus);
  return focus;
}
