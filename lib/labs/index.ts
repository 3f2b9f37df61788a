// Every lab, by kind: the one place that lists them.
import type { LabKind } from "../types";
import { clusterLab } from "./cluster/definition";
import { replicationLab } from "./replication/definition";
import type { LabAction, LabDefinition } from "./types";

export const LAB_DEFINITIONS: Record<LabKind, LabDefinition> = {
  cluster: clusterLab,
  replication: replicationLab,
};

/** The first lab that offers an action: what a refusal in another lab points to. */
export function labWith(action: LabAction): LabKind | null {
  return Object.values(LAB_DEFINITIONS).find((d) => d.actions.includes(action))?.kind ?? null;
}
