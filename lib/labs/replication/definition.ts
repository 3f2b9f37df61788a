// Lab A: a master, two replicas, and whether the data survives the master's delete (DESIGN §1).
import { replicationKubeChart } from "./kubeChart";
import { REPLICATION_STEP_IDS } from "../../replicationGuide";
import type { ReplicationState } from "../../types";
import { newEvent } from "../../events";
import { dataLoss, staleReads } from "../../runMetrics";
import type { LabDefinition, LabRunHooks } from "../types";
import { replicationOf, replicationStateSpec } from "./state";

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

/** Lab A's run: where data was lost, how long the master was away, resyncs, and reads served meanwhile. */
const replicationRun: LabRunHooks = {
  start: (run) => ({
    ...run,
    replication: { lost: [], masterAwayMs: null, replicasLinkedAfterMs: null, fullResyncs: 0, staleReads: 0 },
  }),
  onEvent: ({ replication: facts }, e) => {
    if (!facts) return;
    if (e.kind === "replica-full-resync") facts.fullResyncs++;
    if (e.kind === "keys-lost") {
      const { pod, keys, dbsizeBefore, dbsizeAfter } = e.params;
      const seen = facts.lost.find((l) => l.pod === pod);
      if (seen) seen.keys = [...new Set([...seen.keys, ...keys])].sort();
      else facts.lost.push({ pod, keys: [...keys], dbsizeBefore, dbsizeAfter });
    }
  },
  onPodReady: (run) => {
    if (run.replication) run.replication.masterAwayMs = run.podReadyAfterMs;
  },
  onUpdate: (run, { samples, now, podReplaced, state }) => {
    const facts = run.replication;
    if (!facts) return;
    const away = facts.masterAwayMs === null ? now : run.startedAt + facts.masterAwayMs;
    facts.staleReads = staleReads(samples, run.startedAt, away);
    if (facts.replicasLinkedAfterMs === null && podReplaced && replicasLinked(replicationOf(state))) {
      facts.replicasLinkedAfterMs = now - run.startedAt;
    }
  },
  endEvent: (run, recovered, { state }) => {
    const master = replicationOf(state).nodes.find((n) => n.role === "master")?.pod ?? run.pod;
    const loss = dataLoss(run.replication?.lost ?? [], (p) => p === master);
    return newEvent("replication-run-ended", run.endedAt, {
      runId: run.id,
      actor: run.actor,
      pod: run.pod,
      recovered,
      masterAwayMs: run.replication?.masterAwayMs ?? null,
      lostOnMaster: loss?.master ?? false,
      lostOnReplicas: loss?.replicas ?? 0,
      keys: loss?.keys ?? [],
    });
  },
};

export const replicationLab: LabDefinition = {
  kind: "replication",
  state: replicationStateSpec,
  kube: replicationKubeChart,
  lanes: ["master", "replica-0", "replica-1", "replicas-svc"],
  keys: "replicationKeys",
  actions: ["keys", "aof"],
  guideSteps: REPLICATION_STEP_IDS,
  guideTexts: "guide.replication.steps",
  run: replicationRun,
  // Lab A's nodes have no ids of their own: the pod is the node.
  podRole: (state, pod) => ({
    nodeId: null,
    role: replicationOf(state).nodes.find((n) => n.pod === pod)?.role ?? null,
  }),
  // The deleted pod is ready again and every replica follows the master, whatever data came back with it:
  // that is the lesson.
  recovered: ({ run, pod, state }) =>
    !!pod?.ready && run.replication?.replicasLinkedAfterMs != null && replicasLinked(replicationOf(state)),
  // Lab A's whole story fits one screen: its steps all look at these.
  projectorPanels: () => [
    "pod-table",
    "replication-panel",
    "write-box",
    "availability-timeline",
    "read-loop",
    "replication-run",
    "aof-viewer",
  ],
  readLoop: {
    // `redis-cli -h ds-redis-replicas get a`: the replicas Service.
    lane: "replicas-svc",
    keyCount: 1,
    dated: false,
    servicePod: (pods) => pods.find((p) => p.name.includes("-replicas-")),
    defaultService: "ds-redis-replicas",
    command: (service, keys) =>
      `$ while true;do redis-cli -h ${service} -a "$PW" get ${keys[0] ?? "a"}; sleep 1;echo; done;`,
  },
};
