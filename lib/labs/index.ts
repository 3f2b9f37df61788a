// Every lab, by kind: the one place that lists them.
import type { LabKind } from "../types";
import { clusterLab } from "./cluster/definition";
import { replicationLab } from "./replication/definition";
import type { StepId } from "../labGuide";
import type { ReplicationStepId } from "../replicationGuide";
import type { LabAction, LabDefinition } from "./types";

export const LAB_DEFINITIONS: Record<LabKind, LabDefinition> = {
  cluster: clusterLab,
  replication: replicationLab,
};

/** Every lab's kind, in the order the lab switch offers them. */
export const LAB_KINDS = Object.keys(LAB_DEFINITIONS) as [LabKind, ...LabKind[]];

/** The first lab that offers an action: what a refusal in another lab points to. */
export function labWith(action: LabAction): LabKind | null {
  return Object.values(LAB_DEFINITIONS).find((d) => d.actions.includes(action))?.kind ?? null;
}

/** A step of any lab's guide; the server takes only the running lab's (server/guideFocus.ts). */
export type GuideStepId = StepId | ReplicationStepId;

/** Every lab's guide steps: what `guide:step` may name at all. */
export const GUIDE_STEP_IDS = Object.values(LAB_DEFINITIONS).flatMap((d) => d.guideSteps) as [
  GuideStepId,
  ...GuideStepId[],
];
