// Lab A: a master, two replicas, and whether the data survives the master's delete (DESIGN §1).
import { REPLICATION_STEP_IDS } from "../../replicationGuide";
import type { ReplicationState } from "../../types";
import type { LabDefinition } from "../types";

/** One reachable master, and every other pod a replica whose link to it is up. */
export function replicasLinked(state: ReplicationState): boolean {
  const master = state.nodes.find((n) => n.role === "master" && n.reachable);
  if (!master) return false;
  const others = state.nodes.filter((n) => n !== master);
  return (
    others.length > 0 &&
    others.every((n) => n.role === "replica" && n.linkStatus === "up" && n.masterPod === master.pod)
  );
}

export const replicationLab: LabDefinition = {
  kind: "replication",
  lanes: ["master", "replica-0", "replica-1", "replicas-svc"],
  keys: "replicationKeys",
  actions: ["keys", "aof"],
  guideSteps: REPLICATION_STEP_IDS,
  guideTexts: "guide.replication.steps",
  // The deleted pod is ready again and every replica follows the master, whatever data came back with it:
  // that is the lesson.
  startRun: (run) => ({
    ...run,
    replication: { lost: [], masterAwayMs: null, replicasLinkedAfterMs: null, fullResyncs: 0, staleReads: 0 },
  }),
  recovered: ({ run, pod, replication }) =>
    !!pod?.ready && run.replication?.replicasLinkedAfterMs != null && replicasLinked(replication),
};
