import { describe, expect, it } from "vitest";
import { guideSteps, masterOfKey } from "./labGuide";
import { startRun } from "./runMetrics";
import { fixtureLab, fixturePod } from "./testFixtures";
import type { NodeSummary, PodState, ProbeSample, RunSummary, Topology } from "./types";

const NOW = 1_000_000;
const lab = fixtureLab({ nodeTimeoutMs: 3000 });

function node(id: string, pod: string | null, over: Partial<NodeSummary> = {}): NodeSummary {
  return {
    id,
    ip: "10.0.0.1",
    port: 6379,
    role: "master",
    masterId: null,
    flags: [],
    slots: [],
    configEpoch: 1,
    pod,
    ...over,
  };
}

const topology: Topology = {
  clusterState: "ok",
  views: [],
  nodes: [
    node("m0".padEnd(40, "0"), "rc-0", { slots: [[0, 5460]] }),
    node("m1".padEnd(40, "0"), "rc-1", { slots: [[5461, 10922]] }),
    node("m2".padEnd(40, "0"), "rc-2", { slots: [[10923, 16383]] }),
  ],
};

function pod(name: string, over: Partial<PodState> = {}): PodState {
  return fixturePod(name, "10.0.0.9", { createdAt: 0, ...over });
}

function reads(): ProbeSample[] {
  return ["a", "b", "c"].map((key) => ({
    t: NOW - 100,
    key,
    lane: "fresh" as const,
    outcome: "ok" as const,
    errorKind: null,
    value: "1",
    latencyMs: 1,
  }));
}

function run(over: Partial<RunSummary> = {}): RunSummary {
  const fresh = startRun({
    id: "r1",
    pod: "rc-2",
    nodeId: "m2".padEnd(40, "0"),
    role: "master",
    mode: "graceful",
    actor: "instructor",
    startedAt: NOW - 10_000,
    keys: ["a", "b", "c"],
  });
  return { ...fresh, ...over };
}

const status = (steps: ReturnType<typeof guideSteps>) => steps.map((s) => s.status);

describe("masterOfKey", () => {
  it("finds the master serving slot 15495 for a", () => {
    const { slot, node: n } = masterOfKey(topology, "a");
    expect(slot).toBe(15495);
    expect(n?.pod).toBe("rc-2");
  });
});

describe("guideSteps", () => {
  it("starts at the delete step once reads run and the master is known", () => {
    const steps = guideSteps({
      lab,
      pods: [],
      topology,
      samples: reads(),
      runs: [],
      now: NOW,
      resetAt: null,
    });
    expect(status(steps)).toEqual(["done", "done", "active", "todo", "todo", "todo"]);
    expect(steps[2].detail).toEqual({ code: "deleteTodo", params: { pod: "rc-2", key: "a" } });
  });

  it("waits for reads when no samples arrived recently", () => {
    const steps = guideSteps({ lab, pods: [], topology, samples: [], runs: [], now: NOW, resetAt: null });
    expect(steps[0].status).toBe("active");
  });

  it("ticks through failover and the stuck pod", () => {
    const r = run({
      failAfterMs: 4200,
      promotedAfterMs: 5100,
      clusterOkAfterMs: 5150,
      outcome: "failover",
      returnedAfterMs: 2000,
      returnedNodeId: "n2".padEnd(40, "0"),
    });
    const pods = [pod("rc-2", { createdAt: NOW - 8000, ready: false, readyReason: "cluster_state:fail" })];
    const steps = guideSteps({ lab, pods, topology, samples: reads(), runs: [r], now: NOW, resetAt: null });
    expect(status(steps)).toEqual(["done", "done", "done", "done", "done", "active"]);
    expect(steps[3].detail.params.promotedMs).toEqual({ ms: 5100 });
    expect(steps[4].detail).toEqual({ code: "stuck", params: { pod: "rc-2", reason: "cluster_state:fail" } });
  });

  it("does not count deleting a replica as the failover step", () => {
    const steps = guideSteps({
      lab,
      pods: [],
      topology,
      samples: reads(),
      runs: [run({ role: "replica", pod: "rc-4" })],
      now: NOW,
      resetAt: null,
    });
    expect(steps[2].status).toBe("active");
    expect(steps[2].detail.code).toBe("deletedReplica");
  });

  it("marks the repair done when the pod is ready again", () => {
    const r = run({
      failAfterMs: 1,
      promotedAfterMs: 2,
      clusterOkAfterMs: 3,
      podReadyAfterMs: 60_000,
      returnedNodeId: "n2".padEnd(40, "0"),
    });
    const steps = guideSteps({
      lab,
      pods: [pod("rc-2")],
      topology,
      samples: reads(),
      runs: [r],
      now: NOW,
      resetAt: null,
    });
    expect(status(steps).every((s) => s === "done")).toBe(true);
  });

  const master = "m2".padEnd(40, "0");
  const down = (key: string, ms: number) => ({
    key,
    lane: "fresh" as const,
    downtimeMs: ms,
    failedReads: 1,
    totalReads: 10,
    firstFailureAt: null,
    recoveredAt: null,
  });

  it("a master back with its own id before any failover: no failover, no 0/1, nothing to repair", () => {
    const r = run({
      status: "recovered",
      outcome: "returned",
      returnedAfterMs: 8800,
      returnedNodeId: master,
      podReadyAfterMs: 9000,
      lanes: [down("a", 4100), down("b", 0)],
    });
    // Running, not yet ready: the old id rejoining is not the stuck empty node of the seed.
    const pods = [pod("rc-2", { createdAt: NOW - 8000, ready: false, readyReason: "cluster_state:fail" })];
    const steps = guideSteps({ lab, pods, topology, samples: reads(), runs: [r], now: NOW, resetAt: null });
    expect(status(steps)).toEqual(["done", "done", "done", "skipped", "skipped", "skipped"]);
    expect(steps[3].detail).toEqual({
      code: "noFailover",
      params: { pod: "rc-2", returnedMs: { ms: 8800 }, key: "a", down: "yes", downMs: { ms: 4100 } },
    });
    expect(steps[5].detail.code).toBe("nothingToRepair");
  });

  it("the old id back as a replica after a failover: failover ticked, no repair step", () => {
    const r = run({
      failAfterMs: 3000,
      promotedAfterMs: 4000,
      clusterOkAfterMs: 4000,
      outcome: "failover",
      returnedNodeId: master,
    });
    const pods = [pod("rc-2", { ready: true })];
    const steps = guideSteps({ lab, pods, topology, samples: reads(), runs: [r], now: NOW, resetAt: null });
    expect(status(steps)).toEqual(["done", "done", "done", "done", "skipped", "skipped"]);
    expect(steps[4].detail.code).toBe("rejoined");
  });

  it("starts over after a reset: a run from before it ticks nothing", () => {
    const r = run({ failAfterMs: 1, promotedAfterMs: 2, clusterOkAfterMs: 3, podReadyAfterMs: 60_000 });
    const steps = guideSteps({
      lab,
      pods: [pod("rc-2")],
      topology,
      samples: reads(),
      runs: [r],
      now: NOW,
      resetAt: r.startedAt + 1,
    });
    expect(status(steps)).toEqual(["done", "done", "active", "todo", "todo", "todo"]);
  });
});
