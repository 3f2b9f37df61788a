// Projector mode shows only what the room needs to look at for the step it is on (issue 10): read from the
// back of a room, six panels at once are six small ones. Pure: panels are named by their test ids.
import { guideSteps, type GuideInput, type StepId } from "./labGuide";
import type { LabKind } from "./types";

/** On every step: the guide itself, and the instructor's grant table (handing over the mouse is part of the show). */
const ALWAYS = ["lab-guide", "grant-panel"];

const CLUSTER_STEPS: Record<StepId, string[]> = {
  reads: ["availability-timeline", "read-loop", "slot-map"],
  "find-master": ["slot-map", "replication-graph", "pod-table"],
  // The question to the room is asked before the delete.
  delete: ["pod-table", "prediction-panel", "availability-timeline"],
  failover: ["replication-graph", "availability-timeline", "read-loop"],
  "not-ready": ["pod-table", "log-panel", "replication-graph"],
  repair: ["repair-panel", "replication-graph", "pod-table"],
};

/** Lab A's whole story fits one screen: its steps all look at these. */
const REPLICATION = [
  "pod-table",
  "replication-panel",
  "write-box",
  "availability-timeline",
  "read-loop",
  "replication-run",
  "aof-viewer",
];

/** The step the room is on: the instructor's pick, else the first one the lab has not shown yet. */
export function currentStep(focus: StepId | null, input: GuideInput): StepId | null {
  if (focus) return focus;
  return guideSteps(input).find((s) => s.status === "active")?.id ?? null;
}

/** The panels to show in projector mode (by test id). */
export function projectorPanels(lab: LabKind, step: StepId | null): ReadonlySet<string> {
  if (lab === "replication") return new Set([...ALWAYS, ...REPLICATION]);
  return new Set([...ALWAYS, ...CLUSTER_STEPS[step ?? "reads"]]);
}
