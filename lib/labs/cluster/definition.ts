// Lab B: Redis Cluster failover and repair (DESIGN §1).
import { STEP_IDS, type StepId } from "../../labGuide";
import { newEvent } from "../../events";
import { ownerSegments } from "../../slots";
import type { Topology } from "../../types";
import type { LabDefinition } from "../types";
import { clusterStateSpec, topologyOf } from "./state";
import { clusterKubeChart } from "./kubeChart";

/** Every slot served by a live master, and the cluster says ok. */
export function servesEverySlot(t: Topology): boolean {
  if (t.clusterState !== "ok") return false;
  const live = t.nodes.filter(
    (n) => n.pod && n.role === "master" && !n.flags.some((f) => f === "fail" || f === "pfail"),
  );
  return ownerSegments(live).every((s) => s.owner !== null);
}

/** Each step's panels in projector mode: what the room looks at while the instructor talks it through. */
const PROJECTOR_PANELS: Record<StepId, string[]> = {
  reads: ["availability-timeline", "read-loop", "slot-map"],
  "find-master": ["slot-map", "replication-graph", "pod-table"],
  // The question to the room is asked before the delete.
  delete: ["pod-table", "prediction-panel", "availability-timeline"],
  failover: ["replication-graph", "availability-timeline", "read-loop"],
  "not-ready": ["pod-table", "log-panel", "replication-graph"],
  repair: ["repair-panel", "replication-graph", "pod-table"],
};

export const clusterLab: LabDefinition = {
  kind: "cluster",
  state: clusterStateSpec,
  kube: clusterKubeChart,
  lanes: ["cluster", "fresh"],
  keys: "keys",
  actions: ["repair", "auto-repair"],
  guideSteps: STEP_IDS,
  guideTexts: "guide.steps",
  recovered: ({ state }) => servesEverySlot(topologyOf(state)),
  podRole: (state, pod) => {
    const node = topologyOf(state).nodes.find((n) => n.pod === pod);
    return { nodeId: node?.id ?? null, role: node?.role ?? null };
  },
  run: {
    // Whether the cluster said ok all along: a fail on the way is an event (server/observe/runTracker.ts).
    start: (run, state) => ({ ...run, clusterStayedOk: topologyOf(state).clusterState === "ok" }),
    endEvent: (run, recovered) =>
      newEvent("run-ended", run.endedAt, {
        runId: run.id,
        actor: run.actor,
        pod: run.pod,
        nodeId: run.nodeId,
        recovered,
        failAfterMs: run.failAfterMs,
        promotedAfterMs: run.promotedAfterMs,
        downtime: run.lanes
          .filter((l) => l.downtimeMs > 0)
          .map((l) => ({ key: l.key, lane: l.lane, ms: l.downtimeMs })),
      }),
  },
  projectorPanels: (step) => PROJECTOR_PANELS[(step as StepId | null) ?? "reads"] ?? PROJECTOR_PANELS.reads,
  readLoop: {
    // redis-cli -c follows MOVED from whichever node the Service reached: the fresh lane's reads.
    lane: "fresh",
    keyCount: "all",
    dated: true,
    // The StatefulSet's name, as the seed's `-h ds-redis-redis-cluster`.
    servicePod: (pods) => pods[0],
    defaultService: "ds-redis-redis-cluster",
    command: (service, keys) =>
      `$ while true; do date; ${keys.map((k) => `redis-cli -h ${service} -c -a "$PW" get ${k};`).join(" ")} echo; sleep 1; done`,
  },
};
