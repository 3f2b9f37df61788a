import { describe, it, expect } from "vitest";
import {
  dataLoss,
  laneDowntime,
  nilReads,
  percentile,
  staleReads,
  summarizeRun,
  startRun,
} from "./runMetrics";
import type { ProbeLane, ProbeOutcome, ProbeSample, RunSummary } from "./types";

function sample(t: number, outcome: ProbeOutcome, key = "a", lane: ProbeLane = "cluster"): ProbeSample {
  return {
    t,
    key,
    lane,
    outcome,
    errorKind: outcome === "error" ? "CLUSTERDOWN" : null,
    value: outcome === "ok" ? "11" : null,
    latencyMs: 1,
  };
}

/** Samples every 200 ms from `start`; `pattern` has one char per sample: . ok, x error, n nil. */
function series(start: number, pattern: string, key = "a", lane: ProbeLane = "cluster"): ProbeSample[] {
  const outcome: Record<string, ProbeOutcome> = { ".": "ok", x: "error", n: "nil" };
  return [...pattern].map((c, i) => sample(start + i * 200, outcome[c], key, lane));
}

describe("laneDowntime", () => {
  it("is zero without failures", () => {
    expect(laneDowntime(series(0, "....."), "a", "cluster", 0, null)).toEqual({
      key: "a",
      lane: "cluster",
      downtimeMs: 0,
      failedReads: 0,
      totalReads: 5,
      firstFailureAt: null,
      recoveredAt: null,
    });
  });

  it("measures one gap at 200 ms resolution", () => {
    // Failing at 400, 600, 800; first ok again at 1000.
    const d = laneDowntime(series(0, "..xxx.."), "a", "cluster", 0, null);
    expect(d).toMatchObject({
      downtimeMs: 600,
      failedReads: 3,
      totalReads: 7,
      firstFailureAt: 400,
      recoveredAt: 1000,
    });
  });

  it("keeps what redis-cli printed for the failed reads, each distinct reply once", () => {
    const refused = "Could not connect to Redis at 10.42.2.79:6379: Connection refused";
    const down = "(error) CLUSTERDOWN The cluster is down";
    const values = [null, refused, refused, "Command timed out", down, refused, null];
    const samples = values.map((v, i) => ({
      ...sample(i * 200, v === null ? "ok" : "error"),
      value: v ?? "11",
    }));
    expect(laneDowntime(samples, "a", "cluster", 0, null).replies).toEqual([refused, down]);
    expect(laneDowntime(series(0, "....."), "a", "cluster", 0, null).replies).toBeUndefined();
  });

  it("counts an unrecovered gap until the last failing sample", () => {
    const d = laneDowntime(series(0, "..xxxx"), "a", "cluster", 0, null);
    expect(d).toMatchObject({ downtimeMs: 600, failedReads: 4, firstFailureAt: 400, recoveredAt: null });
  });

  it("sums two separate gaps and reports the first outage's times", () => {
    const d = laneDowntime(series(0, ".xx..x.."), "a", "cluster", 0, null);
    expect(d).toMatchObject({ downtimeMs: 400 + 200, failedReads: 3, firstFailureAt: 200, recoveredAt: 600 });
  });

  it("sorts samples that arrive out of order", () => {
    const shuffled = series(0, "..xxx..").reverse();
    expect(laneDowntime(shuffled, "a", "cluster", 0, null)).toMatchObject({
      downtimeMs: 600,
      recoveredAt: 1000,
    });
  });

  it("treats nil as an answer, and keeps only its key, lane and window", () => {
    const samples = [
      ...series(0, "..nnn.."),
      ...series(0, "xxxxxxx", "b"),
      ...series(0, "xxxxxxx", "a", "fresh"),
      sample(-200, "error"),
      sample(5000, "error"),
    ];
    expect(laneDowntime(samples, "a", "cluster", 0, 1200)).toMatchObject({
      downtimeMs: 0,
      failedReads: 0,
      totalReads: 7,
    });
    expect(nilReads(samples, "a", "cluster", 0, null)).toBe(3);
  });

  it("starts an outage that began before the window at the window's first sample", () => {
    const d = laneDowntime(series(0, "xxx.."), "a", "cluster", 200, null);
    expect(d).toMatchObject({ downtimeMs: 400, firstFailureAt: 200, recoveredAt: 600, totalReads: 4 });
  });
});

const RUN: RunSummary = startRun({
  id: "run-1",
  pod: "ds-redis-redis-cluster-2",
  nodeId: "e64f0b9d8ca9b97ebe0ef4982542bd592cd5ee07",
  role: "master",
  mode: "graceful",
  actor: "instructor",
  startedAt: 1000,
  keys: ["a", "b", "c"],
});

describe("summarizeRun", () => {
  it("fills a lane summary for every key and lane seen during the run", () => {
    // Run starts at 1000; the fresh lane of `a` fails at 1200 and 1400 and answers again at 1600.
    const samples = [
      ...series(0, "........."),
      ...series(0, "......xx.", "a", "fresh"),
      ...series(0, ".........", "c"),
      ...series(0, ".........", "b"),
      ...series(0, ".........", "b", "fresh"),
    ];
    const run = summarizeRun(RUN, samples, 1600);
    expect(run.lanes.map((l) => [l.key, l.lane, l.downtimeMs, l.failedReads, l.totalReads])).toEqual([
      ["a", "cluster", 0, 0, 4],
      ["a", "fresh", 400, 2, 4],
      ["b", "cluster", 0, 0, 4],
      ["b", "fresh", 0, 0, 4],
      ["c", "cluster", 0, 0, 4],
    ]);
    expect(run.id).toBe("run-1");
    const ended = summarizeRun({ ...RUN, endedAt: 1400, status: "timed-out" }, samples, 99999);
    expect(ended.lanes.find((l) => l.key === "a" && l.lane === "fresh")).toMatchObject({
      downtimeMs: 200,
      failedReads: 2,
      totalReads: 3,
      firstFailureAt: 1200,
      recoveredAt: null,
    });
  });

  it("has no lanes without samples", () => {
    expect(summarizeRun(RUN, [], 5000).lanes).toEqual([]);
  });
});

describe("percentile", () => {
  it("uses the nearest rank", () => {
    const v = [15, 20, 35, 40, 50];
    expect(percentile(v, 5)).toBe(15);
    expect(percentile(v, 30)).toBe(20);
    expect(percentile(v, 40)).toBe(20);
    expect(percentile(v, 50)).toBe(35);
    expect(percentile(v, 100)).toBe(50);
    expect(percentile(v, 0)).toBe(15);
    expect(percentile([3, 1, 2], 95)).toBe(3);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe("lab A's run facts", () => {
  const isMaster = (p: string) => p === "ds-redis-master-0";

  it("say where the data was lost and which keys", () => {
    expect(
      dataLoss(
        [
          { pod: "ds-redis-master-0", keys: ["a"] },
          { pod: "ds-redis-replicas-0", keys: ["a"] },
          { pod: "ds-redis-replicas-1", keys: ["b", "a"] },
        ],
        isMaster,
      ),
    ).toEqual({ master: true, replicas: 2, keys: ["a", "b"] });
    expect(dataLoss([], isMaster)).toBeNull();
  });

  it("count replica reads that answered while the master was away, not the master's", () => {
    const s = (t: number, lane: ProbeSample["lane"], outcome: ProbeSample["outcome"]): ProbeSample => ({
      t,
      key: "a",
      lane,
      outcome,
      errorKind: null,
      value: outcome === "ok" ? "3333" : null,
      latencyMs: 1,
    });
    const samples = [
      s(5, "replica-0", "ok"),
      s(10, "replica-0", "ok"),
      s(10, "replicas-svc", "ok"),
      s(10, "master", "ok"),
      s(12, "replica-1", "nil"),
      s(30, "replica-1", "ok"),
    ];
    expect(staleReads(samples, 10, 20)).toBe(2);
  });
});
