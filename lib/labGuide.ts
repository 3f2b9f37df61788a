// The lab B steps (seed section 3) checked against the live state, so the guide ticks as the class goes.
// Pure: every input is passed in, including the time. It returns facts (a message key and its params);
// components/guide renders them in the viewer's language.
import type { guide } from "./i18n/en/guide";
import { keySlot, slotOwnerOf } from "./slots";
import { shortId } from "./topologyDiff";
import type { LabInfo, PodState, ProbeLane, ProbeSample, RunSummary, Topology } from "./types";

/** `skipped`: the step did not happen in this run and will not (e.g. no failover when the master came back). */
export type StepStatus = "done" | "active" | "todo" | "skipped";
/** The lab B steps in the seed's order. */
export const STEP_IDS = ["reads", "find-master", "delete", "failover", "not-ready", "repair"] as const;
export type StepId = (typeof STEP_IDS)[number];

/** A duration, formatted by the renderer in the viewer's language; null when it has not happened. */
export interface Duration {
  ms: number | null;
}
/** Lane ids, which the guide names in the viewer's words (`timeline.lanes.*`). */
export interface LaneList {
  lanes: ProbeLane[];
}
export type GuideParam = string | number | Duration | LaneList;

export interface GuideStep {
  id: StepId;
  /** The title's only fact: the key the lab follows. */
  key: string;
  detail: { code: keyof typeof guide.detail; params: Record<string, GuideParam> };
  status: StepStatus;
}

export interface GuideInput {
  lab: LabInfo | null;
  pods: PodState[];
  topology: Topology;
  samples: readonly ProbeSample[];
  runs: RunSummary[];
  /** When the lab was last reset: runs before it deleted pods and ids that no longer exist. */
  resetAt: number | null;
  now: number;
}

const RECENT_MS = 5000;
const NONE = "none";

/** The pod whose master serves the lab's first key right now, as the seed picks it with `get a`. */
export function masterOfKey(topology: Topology, key: string) {
  const slot = keySlot(key);
  const masters = topology.nodes.filter((n) => n.role === "master" && !n.flags.includes("fail"));
  const ownerId = slotOwnerOf(masters, slot);
  return { slot, node: topology.nodes.find((n) => n.id === ownerId) ?? null };
}

/** The newest run since the last reset (the guide and the run panel start over with a reset lab). */
export function currentRun(runs: RunSummary[], resetAt: number | null): RunSummary | null {
  const run = runs[0] ?? null;
  return run && (resetAt === null || run.startedAt >= resetAt) ? run : null;
}

/** Longest outage of `key` on any lane in the run. */
export function keyDowntimeMs(run: RunSummary, key: string): number {
  return Math.max(0, ...run.lanes.filter((l) => l.key === key).map((l) => l.downtimeMs));
}

type Detail = GuideStep["detail"];
const detail = (code: Detail["code"], params: Detail["params"] = {}): Detail => ({ code, params });

export function guideSteps(input: GuideInput): GuideStep[] {
  const { lab, pods, topology, samples, runs, now } = input;
  const keys = lab?.keys ?? [];
  const key = keys[0] ?? "a";
  const timeoutMs = lab?.nodeTimeoutMs ?? 15_000;

  const recent = new Set<string>();
  for (let i = samples.length - 1; i >= 0 && samples[i].t >= now - RECENT_MS; i--) recent.add(samples[i].key);
  const readsRunning = keys.length > 0 && keys.every((k) => recent.has(k));

  const { slot, node } = masterOfKey(topology, key);
  const run = currentRun(runs, input.resetAt);
  const deletedMaster = run !== null && run.role === "master";
  // With full coverage off the cluster may never leave ok: the promotion alone is the failover.
  const failedOver =
    deletedMaster &&
    run.promotedAfterMs !== null &&
    (run.clusterOkAfterMs !== null || run.clusterStayedOk === true);
  // The master came back with its own id before any promotion: nothing failed over, nothing to repair.
  const returned = deletedMaster && run.outcome === "returned";
  // Back with its old id after a failover: nodes.conf told it the cluster, so it rejoined as a replica.
  const rejoined = deletedMaster && run.returnedNodeId !== null && run.returnedNodeId === run.nodeId;
  const newNode = deletedMaster && run.returnedNodeId !== null && run.returnedNodeId !== run.nodeId;
  const pod = run ? pods.find((p) => p.name === run.pod) : undefined;
  const repaired = newNode && (run.podReadyAfterMs !== null || pod?.ready === true);
  const stuck = newNode && pod?.phase === "Running" && !pod.ready;

  const done: Record<StepId, boolean> = {
    reads: readsRunning,
    // Once its master is deleted, the key's slot still names the dead node until the promotion.
    "find-master": (node !== null && node.pod !== null) || deletedMaster,
    delete: deletedMaster,
    failover: failedOver,
    "not-ready": stuck || repaired,
    repair: repaired,
  };
  const skipped: Record<StepId, boolean> = {
    reads: false,
    "find-master": false,
    delete: false,
    failover: returned,
    "not-ready": returned || rejoined,
    repair: returned || rejoined,
  };

  const details: Record<StepId, Detail> = {
    reads: readsRunning
      ? detail("readsRunning", {
          keys: keys.join(", "),
          intervalMs: { ms: lab?.probeIntervalMs ?? null },
          lanes: { lanes: lab?.lanes ?? [] },
        })
      : detail("readsWaiting"),
    "find-master": node
      ? detail("masterFound", { slot, pod: node.pod ?? NONE, ip: node.ip, id: shortId(node.id) })
      : detail("masterNone", { slot }),
    delete: deletedMaster
      ? detail("deleted", { actor: run.actor, pod: run.pod, mode: run.mode })
      : run && run.role === "replica"
        ? detail("deletedReplica", { pod: run.pod, key })
        : detail("deleteTodo", { pod: node?.pod ?? NONE, key }),
    failover: returned
      ? detail("noFailover", {
          pod: run.pod,
          returnedMs: { ms: run.returnedAfterMs },
          key,
          down: keyDowntimeMs(run, key) > 0 ? "yes" : "no",
          downMs: { ms: keyDowntimeMs(run, key) },
        })
      : deletedMaster && (run.failAfterMs !== null || run.status === "running")
        ? detail("failoverProgress", {
            failMs: { ms: run.failAfterMs },
            promotedMs: { ms: run.promotedAfterMs },
            okMs: { ms: run.clusterOkAfterMs },
          })
        : detail("failoverExpect", {
            timeoutMs: { ms: timeoutMs },
            expectedMs: { ms: timeoutMs * 1.5 + 500 },
          }),
    "not-ready": stuck
      ? detail("stuck", { pod: pod.name, reason: pod.readyReason ?? "0/1" })
      : returned || rejoined
        ? detail("rejoined", { pod: run.pod, id: shortId(run.nodeId ?? "") })
        : detail("notReadyTodo"),
    repair: repaired
      ? detail("repaired", { pod: run.pod })
      : returned || rejoined
        ? detail("nothingToRepair")
        : detail("repairTodo"),
  };

  const order: readonly StepId[] = STEP_IDS;
  let activeGiven = false;
  return order.map((id) => {
    const step = { id, key, detail: details[id] };
    if (done[id]) return { ...step, status: "done" as const };
    if (skipped[id]) return { ...step, status: "skipped" as const };
    if (activeGiven) return { ...step, status: "todo" as const };
    activeGiven = true;
    return { ...step, status: "active" as const };
  });
}
