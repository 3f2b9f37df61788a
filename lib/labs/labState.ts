// What a lab observes, as one value the store owns and every browser holds: the seam's state half. The core
// stores, versions and sends it without knowing what is inside; each lab's spec says how it changes.
import type { ClusterChange, ClusterLabState } from "./cluster/state";
import type { ReplicationChange, ReplicationLabState } from "./replication/state";

export type LabState = ClusterLabState | ReplicationLabState;
export type LabStateChange = ClusterChange | ReplicationChange;

export type { LabStateSpec } from "./labStateSpec";

/**
 * The `labState` stream's message: version `version` as a change of version `base`, or the whole state (`full`)
 * when there is no change to send (the first one, or a lab switch).
 */
export interface LabStateDelta {
  base: number;
  version: number;
  change?: LabStateChange;
  full?: LabState;
}
