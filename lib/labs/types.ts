// The lab seam, pure half: what a lab is, as data and pure functions the server and the browser share. A lab's
// I/O (its pods, observers and actions) lives beside it in server/labs/<kind>/; its panels in
// components/labs/<kind>/. Adding a lab is adding those folders and its catalogue texts.
import type { LabKind, PodState, ProbeLane, ReplicationState, RunSummary, Topology } from "../types";

/** The actions a lab may offer besides deleting a pod; any other is refused with `not_in_lab`. */
export const LAB_ACTIONS = ["repair", "auto-repair", "keys", "aof"] as const;
export type LabAction = (typeof LAB_ACTIONS)[number];

/** What the recovery predicate of a run sees: the observed state, nothing else. */
export interface RecoveryInput {
  run: RunSummary;
  /** The deleted pod as the platform shows it now, or undefined while it is gone. */
  pod: PodState | undefined;
  topology: Topology;
  replication: ReplicationState;
}

export interface LabDefinition {
  kind: LabKind;
  /** The probe lanes of its availability timeline (DESIGN §4), in the order they are drawn. */
  lanes: readonly ProbeLane[];
  /** Which configured key list it probes: the seed reads `a b c` in lab B and writes only `a` in lab A. */
  keys: "keys" | "replicationKeys";
  /** The actions it offers (besides delete). */
  actions: readonly LabAction[];
  /** Its guide's steps, in the seed's order (the ids its catalogue texts are keyed by). */
  guideSteps: readonly string[];
  /** Where the catalogues keep its guide steps' titles, keyed by step id (a dotted message path). */
  guideTexts: string;
  /**
   * Whether a run is over: the lab is serving again the way it did before the delete. Asked only once the
   * deleted pod was seen replaced; reads must also have been fine for a moment (the run tracker checks that).
   */
  recovered(input: RecoveryInput): boolean;
  /** What a run of this lab measures besides the common figures (lab A: where data was lost). */
  startRun?(run: RunSummary): RunSummary;
}
