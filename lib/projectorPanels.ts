// Projector mode shows only what the room needs to look at for the step it is on (issue 10): read from the
// back of a room, six panels at once are six small ones. Pure: panels are named by their test ids; which
// ones a step shows is the lab's (LabDefinition.projectorPanels).
import { guideSteps, type GuideInput } from "./labGuide";
import type { GuideStepId } from "./protocol";
import { LAB_DEFINITIONS } from "./labs";
import type { LabKind } from "./types";

/** On every step: the guide itself, and the instructor's grant table (handing over the mouse is part of the show). */
const ALWAYS = ["lab-guide", "grant-panel"];

/** The step the room is on: the instructor's pick, else the first one lab B has not shown yet. */
export function currentStep(focus: GuideStepId | null, input: GuideInput): GuideStepId | null {
  if (focus) return focus;
  return guideSteps(input).find((s) => s.status === "active")?.id ?? null;
}

/** The panels to show in projector mode (by test id). */
export function projectorPanels(lab: LabKind, step: GuideStepId | null): ReadonlySet<string> {
  return new Set([...ALWAYS, ...LAB_DEFINITIONS[lab].projectorPanels(step)]);
}
