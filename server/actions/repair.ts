import type { Redis } from "ioredis";
import type { RepairRun } from "@/lib/protocol";
import { translator } from "@/lib/i18n/catalogue";
import { planText } from "@/lib/i18n/planText";
import { note, type PlanNote, type StepWait } from "@/lib/planNotes";
import { formatSlots, planRepair, type RepairPlan, type RepairStep } from "@/lib/repairPlan";
import { newEvent, type NewEvent } from "@/lib/events";
import type { Topology } from "@/lib/types";
import type { TopologyPoller } from "../observe/topologyPoller";
import type { Platform } from "../platform/types";
import { oneShot } from "../redis/connect";
import type { Store } from "../store";
import { topologyOf } from "@/lib/labs/cluster/state";

const REDIS_PORT = 6379;
const english = translator("en");
const COMMAND_TIMEOUT_MS = 2000;
/** Gossip needs a moment to tell the new node about the master it must replicate. */
const STEP_VERIFY_MS = 15_000;

export interface RepairDeps {
  platform: Platform;
  store: Store;
  poller: TopologyPoller;
  readinessPeriodMs: number;
}

/** How long a served plan is reused while nothing was published: a flood of plan requests costs one planning. */
const PLAN_REUSE_MS = 500;

interface CachedPlan {
  plan: RepairPlan;
  version: number;
  pods: unknown;
  at: number;
}
const cachedPlans = new WeakMap<TopologyPoller, CachedPlan>();

/**
 * The plan for the topology as last observed: every pod's latest view (kept current by the poller, read times
 * included) and its DBSIZE from the same read. No Redis round trip of its own, so any number of callers is cheap;
 * while no topology was published and the pods are the same, callers within PLAN_REUSE_MS share one planning.
 */
export function currentPlan(deps: RepairDeps): RepairPlan {
  const now = Date.now();
  const hit = cachedPlans.get(deps.poller);
  if (
    hit &&
    hit.version === deps.poller.version &&
    hit.pods === deps.store.pods &&
    now - hit.at < PLAN_REUSE_MS
  )
    return hit.plan;
  const plan = planFrom(deps, deps.poller.latest(), now);
  cachedPlans.set(deps.poller, { plan, version: deps.poller.version, pods: deps.store.pods, at: now });
  return plan;
}

/** The plan from views all read after this call: what a repair acts on. */
export async function freshPlan(deps: RepairDeps): Promise<RepairPlan> {
  const topology = await deps.poller.fresh();
  return planFrom(deps, topology, Date.now());
}

function planFrom(deps: RepairDeps, topology: Topology, now: number): RepairPlan {
  return planRepair({
    pods: deps.store.pods,
    views: topology.views,
    now,
    keyCounts: deps.poller.keyCounts(),
  });
}

/**
 * Runs a repair: every FORGET in parallel on every live node (well inside the 60 s ban), then MEET, then
 * REPLICATE, each verified, then waits for all pods to be ready and the cluster to be 3+3 again.
 * The caller holds the action lock; `release` is called when the repair is over.
 */
export async function executeRepair(
  deps: RepairDeps,
  actor: string,
  auto: boolean,
  plan: RepairPlan,
  replanned: boolean,
  release: () => void,
): Promise<RepairRun> {
  const run: RepairRun = {
    id: `repair-${Date.now().toString(36)}`,
    actor,
    auto,
    startedAt: Date.now(),
    endedAt: null,
    status: "running",
    replanned,
    plan,
    steps: plan.steps.map(() => ({ status: "pending", detail: null, startedAt: null, endedAt: null })),
    outcome: null,
  };
  const publish = () => deps.store.setRepair({ ...run, steps: run.steps.map((s) => ({ ...s })) });
  const event = (e: NewEvent) => deps.store.addEvents([e]);
  publish();
  event(newEvent("repair-started", Date.now(), { actor, auto, replanned, steps: plan.steps.length }));

  void (async () => {
    try {
      for (const [i, step] of plan.steps.entries()) {
        const result = run.steps[i];
        result.status = "running";
        result.startedAt = Date.now();
        publish();
        try {
          result.detail = await runStep(deps, step);
          result.status = "ok";
        } catch (err) {
          result.status = "failed";
          result.detail = noteOf(err);
        }
        result.endedAt = Date.now();
        publish();
        event(
          newEvent("repair-step", Date.now(), {
            actor,
            index: i + 1,
            count: plan.steps.length,
            step: step.kind,
            ok: result.status === "ok",
            pod: "pod" in step ? step.pod : null,
            nodeId: "nodeId" in step ? step.nodeId : null,
            detail: result.detail,
          }),
        );
        if (result.status === "failed")
          throw new StepError(
            note("outcomeStepFailed", { index: i + 1, step: step.kind, detail: result.detail! }),
          );
      }
      run.outcome = await verifyHealthy(deps);
      run.status = "done";
    } catch (err) {
      run.status = "failed";
      run.outcome = noteOf(err);
    } finally {
      run.endedAt = Date.now();
      publish();
      event(
        newEvent("repair-finished", Date.now(), { actor, ok: run.status === "done", detail: run.outcome }),
      );
      release();
    }
  })();
  return run;
}

/** A step's failure as a fact; its message is the English text, for the server's log. */
class StepError extends Error {
  constructor(readonly note: PlanNote) {
    super(planText(english, note));
  }
}

/** Redis's (or the socket's) own error, verbatim: `ERR Unknown node …`, `Command timed out`. */
function noteOf(err: unknown, pod = "none"): PlanNote {
  if (err instanceof StepError) return err.note;
  return note("stepRedisError", { pod, error: (err as Error).message });
}

async function runStep(deps: RepairDeps, step: RepairStep): Promise<PlanNote> {
  const ipOf = (pod: string) => {
    const ip = deps.store.pods.find((p) => p.name === pod)?.ip;
    if (!ip) throw new StepError(note("stepNoIp", { pod }));
    return ip;
  };
  /** One command on one pod; a Redis error names the pod that gave it. */
  const on = <T>(pod: string, fn: (r: Redis) => Promise<T>): Promise<T> =>
    withNode(deps.platform, ipOf(pod), fn).catch((err: unknown) => {
      throw new StepError(noteOf(err, pod));
    });
  const ownView = async (pod: string) => {
    const view = (await deps.poller.fresh()).views.find((v) => v.pod === pod);
    return { view, me: view?.entries.find((e) => e.id === view.myId) };
  };
  const started = Date.now();
  switch (step.kind) {
    case "forget": {
      const results = await Promise.allSettled(
        step.onPods.map((pod) => on(pod, (r) => r.call("CLUSTER", "FORGET", step.nodeId))),
      );
      const failed = results.flatMap((r) => (r.status === "rejected" ? [noteOf(r.reason)] : []));
      // "Unknown node" means gossip has not brought the id to that node, or it forgot it already: nothing to do.
      const real = failed.filter(
        (f) => !(f.code === "stepRedisError" && /Unknown node/i.test(f.params.error)),
      );
      if (real.length) throw new StepError(real[0]);
      return note("stepForgotten", { nodes: step.onPods.length, ms: Date.now() - started });
    }
    case "meet": {
      await on(step.viaPod, (r) => r.call("CLUSTER", "MEET", step.ip, step.port));
      await until("knowCluster", step.pod, async () => {
        const { view } = await ownView(step.pod);
        return !!view && view.knownNodes > 1;
      });
      return note("stepMet", { pod: step.pod, via: step.viaPod, ms: Date.now() - started });
    }
    case "replicate": {
      await until("acceptReplicate", step.pod, async () => {
        try {
          await on(step.pod, (r) => r.call("CLUSTER", "REPLICATE", step.masterId));
          return true;
        } catch (err) {
          // Until gossip has told it about the master, the node answers "Unknown node".
          if (/Unknown node/i.test((err as Error).message)) return false;
          throw err;
        }
      });
      await until("isReplica", step.pod, async () => {
        const { me } = await ownView(step.pod);
        return me?.role === "replica" && me.masterId === step.masterId;
      });
      const master = step.masterPod ?? step.masterId.slice(0, 8);
      return note("stepReplicated", { pod: step.pod, master, ms: Date.now() - started });
    }
    case "takeover": {
      await on(step.pod, (r) => r.call("CLUSTER", "FAILOVER", "TAKEOVER"));
      await until("isMaster", step.pod, async () => {
        const { me } = await ownView(step.pod);
        return me?.role === "master" && me.slots.length > 0;
      });
      return note("stepTookOver", {
        pod: step.pod,
        slots: formatSlots(step.slots),
        ms: Date.now() - started,
      });
    }
    case "addslots": {
      const args = step.slots.flatMap(([a, b]) => [a, b]);
      await on(step.pod, (r) => r.call("CLUSTER", "ADDSLOTSRANGE", ...args));
      await until("servesSlots", step.pod, async () => {
        const { me } = await ownView(step.pod);
        return formatSlots(me?.slots ?? []) === formatSlots(step.slots);
      });
      return note("stepSlotsAdded", {
        pod: step.pod,
        slots: formatSlots(step.slots),
        ms: Date.now() - started,
      });
    }
  }
}

/** The repair is over when every pod is 1/1 and the planner finds nothing left to do. */
async function verifyHealthy(deps: RepairDeps): Promise<PlanNote> {
  const started = Date.now();
  await until(
    "healthy",
    "none",
    async () => {
      // Key counts only guard REPLICATE steps, which a healthy plan has none of: no DBSIZE round here.
      const { views } = await deps.poller.fresh();
      const plan = planRepair({ pods: deps.store.pods, views, now: Date.now() });
      return plan.healthy && deps.store.pods.every((p) => p.ready);
    },
    3 * deps.readinessPeriodMs + STEP_VERIFY_MS,
  );
  const { nodes } = topologyOf(deps.store.labState);
  const masters = nodes.filter((n) => n.role === "master" && n.pod).length;
  const replicas = nodes.filter((n) => n.role === "replica" && n.pod).length;
  return note("outcomeHealthy", { masters, replicas, ms: Date.now() - started });
}

function withNode<T>(platform: Platform, ip: string, fn: (r: Redis) => Promise<T>): Promise<T> {
  return oneShot(platform.resolve(ip, REDIS_PORT), platform.password, COMMAND_TIMEOUT_MS, fn);
}

async function until(
  wait: StepWait,
  pod: string,
  check: () => Promise<boolean>,
  timeoutMs = STEP_VERIFY_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new StepError(note("stepTimedOut", { wait, pod }));
    await new Promise((r) => setTimeout(r, 100));
  }
}
