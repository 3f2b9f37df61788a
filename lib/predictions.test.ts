import { describe, expect, it } from "vitest";
import {
  buildQuestion,
  downtimeRanges,
  type PredictionQuestion,
  predictionView,
  type QuestionContext,
  rangeOf,
  scorePrediction,
  tally,
} from "./predictions";
import { keySlot } from "./slots";
import type { NodeSummary, RunSummary, Topology } from "./types";

const POD = (i: number) => `ds-redis-redis-cluster-${i}`;

function node(i: number, over: Partial<NodeSummary>): NodeSummary {
  return {
    id: `id${i}`.padEnd(40, "0"),
    ip: `10.42.2.${70 + i}`,
    port: 6379,
    role: "master",
    masterId: null,
    flags: [],
    slots: [],
    configEpoch: 1,
    pod: POD(i),
    ...over,
  };
}

/** The seed's layout: `a` (slot 15495) on pod 2, whose replica is pod 4. */
function seedTopology(): Topology {
  const m0 = node(0, { slots: [[0, 5460]] });
  const m1 = node(1, { slots: [[5461, 10922]] });
  const m2 = node(2, { slots: [[10923, 16383]] });
  return {
    clusterState: "ok",
    views: [],
    nodes: [
      m0,
      m1,
      m2,
      node(3, { role: "replica", masterId: m0.id }),
      node(4, { role: "replica", masterId: m2.id }),
      node(5, { role: "replica", masterId: m1.id }),
    ],
  };
}

/** After deleting pod 2: pod 4 took its slots, pod 2 came back as an empty master that serves nothing. */
function afterFailover(): Topology {
  const t = seedTopology();
  return {
    ...t,
    nodes: t.nodes.map((n) =>
      n.pod === POD(2)
        ? { ...n, slots: [], id: "new".padEnd(40, "0") }
        : n.pod === POD(4)
          ? { ...n, role: "master", masterId: null, slots: [[10923, 16383]] }
          : n,
    ),
  };
}

const ctx = (over: Partial<QuestionContext> = {}): QuestionContext => ({
  id: "q1",
  lab: "cluster",
  keys: ["a", "b", "c"],
  topology: seedTopology(),
  nodeTimeoutMs: 15_000,
  lastValue: null,
  now: 1000,
  actor: "강사",
  ...over,
});

function question(kind: PredictionQuestion["kind"], over: Partial<QuestionContext> = {}): PredictionQuestion {
  const r = buildQuestion(kind, ctx(over));
  if (!r.ok) throw new Error(`not built: ${r.reason}`);
  return r.question;
}

function run(over: Partial<RunSummary> = {}): RunSummary {
  return {
    id: "run-1",
    pod: POD(2),
    nodeId: null,
    role: "master",
    mode: "graceful",
    actor: "민지",
    startedAt: 2000,
    endedAt: 30_000,
    status: "recovered",
    failAfterMs: 19_750,
    promotedAfterMs: 20_800,
    clusterOkAfterMs: 20_900,
    podReadyAfterMs: null,
    promotedNodeId: null,
    outcome: "failover",
    returnedAfterMs: null,
    returnedNodeId: null,
    keys: ["a", "b", "c"],
    lanes: [],
    ...over,
  };
}

const lane = (key: string, l: "cluster" | "fresh", downtimeMs: number) => ({
  key,
  lane: l,
  downtimeMs,
  failedReads: downtimeMs / 200,
  totalReads: 100,
  firstFailureAt: null,
  recoveredAt: null,
});

describe("the new-master question", () => {
  it("asks about the slot of the first key and offers every other pod, its replica among them, never the master", () => {
    const q = question("newMaster");
    expect(q.slot).toBe(keySlot("a"));
    expect(q.slot).toBe(15495);
    expect(q.masterPod).toBe(POD(2));
    const pods = q.options.map((o) => (o.kind === "pod" ? [o.pod, o.replicaOf] : null));
    expect(pods).toEqual([
      [POD(0), false],
      [POD(1), false],
      [POD(3), false],
      [POD(4), true],
      [POD(5), false],
    ]);
  });

  it("names the pod that serves the slot after the run, and marks that option right", () => {
    const q = question("newMaster");
    const r = scorePrediction(q, run(), { topology: afterFailover(), masterPod: null });
    expect(r.measured).toEqual({ kind: "pod", pod: POD(4) });
    expect(q.options.find((o) => o.id === r.correct)).toMatchObject({ pod: POD(4) });
  });

  it("marks nothing right when the slot has no live master after the run", () => {
    const t = afterFailover();
    const broken = { ...t, nodes: t.nodes.map((n) => (n.pod === POD(4) ? { ...n, flags: ["fail"] } : n)) };
    const r = scorePrediction(question("newMaster"), run(), { topology: broken, masterPod: null });
    expect(r).toMatchObject({ measured: { pod: null }, correct: null });
  });

  it("cannot be asked while no live master with a replica serves the slot", () => {
    const t = seedTopology();
    const orphan = { ...t, nodes: t.nodes.filter((n) => n.pod !== POD(4)) };
    expect(buildQuestion("newMaster", ctx({ topology: orphan }))).toEqual({
      ok: false,
      reason: "master",
      slot: 15495,
    });
  });
});

describe("the downtime question", () => {
  it("cuts the ranges at half, one and two node timeouts", () => {
    expect(downtimeRanges(2000).map((o) => (o.kind === "range" ? [o.fromMs, o.toMs] : null))).toEqual([
      [0, 1000],
      [1000, 2000],
      [2000, 4000],
      [4000, null],
    ]);
  });

  it("puts each duration in exactly one range, edges in the upper one", () => {
    const opts = downtimeRanges(15_000);
    expect(rangeOf(opts, 0)).toBe("r0");
    expect(rangeOf(opts, 7499)).toBe("r0");
    expect(rangeOf(opts, 7500)).toBe("r1");
    expect(rangeOf(opts, 21_200)).toBe("r2");
    expect(rangeOf(opts, 30_000)).toBe("r3");
    expect(rangeOf(opts, 10 * 60_000)).toBe("r3");
  });

  it("scores the key's longest lane, not another key's", () => {
    const q = question("downtime");
    const r = scorePrediction(
      q,
      run({ lanes: [lane("a", "cluster", 21_200), lane("a", "fresh", 20_400), lane("b", "fresh", 40_000)] }),
      { topology: afterFailover(), masterPod: null },
    );
    expect(r.measured).toEqual({ kind: "duration", ms: 21_200, lane: "cluster" });
    expect(r.correct).toBe("r2");
  });

  it("counts a run without reads of the key as unmeasured", () => {
    const r = scorePrediction(question("downtime"), run({ lanes: [lane("b", "fresh", 500)] }), {
      topology: afterFailover(),
      masterPod: null,
    });
    expect(r).toMatchObject({ measured: { ms: null }, correct: null });
  });
});

describe("lab A's replica-read question", () => {
  const labA = { lab: "replication" as const, keys: ["a"], lastValue: "3333" };
  const facts = (lost: { pod: string; keys: string[] }[]) => ({
    replication: {
      lost: lost.map((l) => ({ ...l, dbsizeBefore: 1, dbsizeAfter: 0 })),
      masterAwayMs: 3000,
      replicasLinkedAfterMs: 4000,
      fullResyncs: 2,
      staleReads: 5,
    },
  });

  it("belongs to lab A only, and lab B's questions to lab B", () => {
    expect(buildQuestion("replicaRead", ctx())).toEqual({ ok: false, reason: "lab" });
    expect(buildQuestion("newMaster", ctx(labA))).toEqual({ ok: false, reason: "lab" });
    expect(question("replicaRead", labA).options).toEqual([
      { id: "kept", kind: "value", value: "3333" },
      { id: "nil", kind: "value", value: null },
    ]);
  });

  it("is (nil) when a replica lost the key, the kept value when only nothing or the master lost it", () => {
    const q = question("replicaRead", labA);
    const score = (lost: { pod: string; keys: string[] }[]) =>
      scorePrediction(q, run(facts(lost)), { topology: seedTopology(), masterPod: "ds-redis-master-0" });
    expect(score([{ pod: "ds-redis-replicas-0", keys: ["a"] }])).toMatchObject({
      measured: { lost: true },
      correct: "nil",
    });
    expect(score([])).toMatchObject({ measured: { lost: false }, correct: "kept" });
    expect(score([{ pod: "ds-redis-master-0", keys: ["a"] }]).correct).toBe("kept");
    expect(score([{ pod: "ds-redis-replicas-1", keys: ["other"] }]).correct).toBe("kept");
  });
});

describe("the room's view", () => {
  it("hides the counts while the question is open and lists every option once closed", () => {
    const q = question("downtime");
    const answers = ["r2", "r2", "r0", "bogus"];
    const extra = { runId: null, closedAt: null, result: null };
    expect(predictionView(q, "open", answers, extra)).toMatchObject({ answers: 4, counts: null });
    expect(predictionView(q, "closed", answers, extra).counts).toEqual({ r0: 1, r1: 0, r2: 2, r3: 0 });
    expect(tally(q, [])).toEqual({ r0: 0, r1: 0, r2: 0, r3: 0 });
  });
});
