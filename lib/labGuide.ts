// The lab B steps (seed section 3) checked against the live state, so the guide ticks as the class goes.
// Pure: every input is passed in, including the time.
import type { LabInfo } from "./protocol";
import { keySlot, slotOwners } from "./slots";
import { shortId } from "./topologyDiff";
import type { PodState, ProbeSample, RunSummary, Topology } from "./types";

export type StepStatus = "done" | "active" | "todo";

export interface GuideStep {
  id: "reads" | "find-master" | "delete" | "failover" | "not-ready" | "repair";
  title: string;
  detail: string;
  status: StepStatus;
}

export interface GuideInput {
  lab: LabInfo | null;
  pods: PodState[];
  topology: Topology;
  samples: readonly ProbeSample[];
  runs: RunSummary[];
  now: number;
}

const RECENT_MS = 5000;

function secs(ms: number | null): string {
  return ms === null ? "—" : `+${(ms / 1000).toFixed(1)} s`;
}

/** The pod whose master serves the lab's first key right now, as the seed picks it with `get a`. */
export function masterOfKey(topology: Topology, key: string) {
  const slot = keySlot(key);
  const masters = topology.nodes.filter((n) => n.role === "master" && !n.flags.includes("fail"));
  const ownerId = slotOwners(masters)[slot];
  return { slot, node: topology.nodes.find((n) => n.id === ownerId) ?? null };
}

export function guideSteps(input: GuideInput): GuideStep[] {
  const { lab, pods, topology, samples, runs, now } = input;
  const keys = lab?.keys ?? [];
  const key = keys[0] ?? "a";
  const timeoutS = (lab?.nodeTimeoutMs ?? 15_000) / 1000;

  const recent = new Set<string>();
  for (let i = samples.length - 1; i >= 0 && samples[i].t >= now - RECENT_MS; i--) recent.add(samples[i].key);
  const readsRunning = keys.length > 0 && keys.every((k) => recent.has(k));

  const { slot, node } = masterOfKey(topology, key);
  const run = runs[0] ?? null;
  const deletedMaster = run !== null && run.role === "master";
  const failedOver =
    deletedMaster &&
    run.promotedAfterMs !== null &&
    (run.clusterOkAfterMs !== null || run.clusterStayedOk === true);
  const pod = run ? pods.find((p) => p.name === run.pod) : undefined;
  const recreated = pod !== undefined && run !== null && pod.createdAt > run.startedAt;
  const repaired = deletedMaster && (run.podReadyAfterMs !== null || (recreated && pod.ready));
  const stuck = recreated && pod.phase === "Running" && !pod.ready;

  const done = {
    reads: readsRunning,
    // Once its master is deleted, the key's slot still names the dead node until the promotion.
    "find-master": (node !== null && node.pod !== null) || deletedMaster,
    delete: deletedMaster,
    failover: failedOver,
    "not-ready": stuck || repaired,
    repair: repaired,
  };

  const steps: Omit<GuideStep, "status">[] = [
    {
      id: "reads",
      title: "Read loops are running",
      detail: readsRunning
        ? `GET ${keys.join(", ")} every ${lab?.probeIntervalMs ?? "?"} ms, per lane: ${(lab?.lanes ?? []).join(" · ")}`
        : "Waiting for probe samples…",
    },
    {
      id: "find-master",
      title: `Find the master of \`${key}\``,
      detail: node
        ? `slot ${slot} → ${node.pod ?? "no pod (deleted)"} (${node.ip}, ${shortId(node.id)})`
        : `slot ${slot} is served by no live master`,
    },
    {
      id: "delete",
      title: "Delete that pod",
      detail: deletedMaster
        ? `${run.actor} deleted ${run.pod} (${run.mode})`
        : run && run.role === "replica"
          ? `${run.pod} was a replica: no failover. Delete the master of \`${key}\`.`
          : `kubectl delete pod ${node?.pod ?? "<master of " + key + ">"}`,
    },
    {
      id: "failover",
      title: "Watch FAIL, then the promotion",
      detail:
        deletedMaster && (run.failAfterMs !== null || run.status === "running")
          ? `FAIL ${secs(run.failAfterMs)} · promoted ${secs(run.promotedAfterMs)} · cluster ok ${run.clusterStayedOk ? "throughout" : secs(run.clusterOkAfterMs)}`
          : `expect ≈ 1.5 × node timeout (${timeoutS} s) ≈ ${(timeoutS * 1.5 + 0.5).toFixed(1)} s`,
    },
    {
      id: "not-ready",
      title: "The recreated pod stays 0/1",
      detail: stuck
        ? `${pod.name}: ${pod.readyReason ?? "not ready"} — no nodes.conf, new id, knows only itself`
        : "New IP, no nodes.conf → new node id; it knows only itself, so cluster_state:fail fails readiness",
    },
    {
      id: "repair",
      title: "Repair: FORGET · MEET · REPLICATE",
      detail: repaired
        ? `${run.pod} is ready again`
        : "Plan repair shows the redis-cli commands: FORGET the old id on every node within 60 s, MEET the new IP, REPLICATE the promoted master",
    },
  ];

  let activeGiven = false;
  return steps.map((s) => {
    if (done[s.id]) return { ...s, status: "done" as const };
    if (activeGiven) return { ...s, status: "todo" as const };
    activeGiven = true;
    return { ...s, status: "active" as const };
  });
}
