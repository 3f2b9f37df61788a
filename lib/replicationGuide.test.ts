import { describe, expect, it } from "vitest";
import type { LabEvent } from "./events";
import { replicationGuideSteps, type ReplicationGuideInput } from "./replicationGuide";
import { startRun } from "./runMetrics";
import { fixtureLab, fixturePod } from "./testFixtures";
import type { ProbeSample, ReplicationRunFacts, RunSummary } from "./types";

const lab = fixtureLab({ lab: "replication", keys: ["a"], lanes: ["master", "replica-0", "replica-1"] });
const pods = [
  fixturePod("ds-redis-master-0", "10.42.2.90"),
  fixturePod("ds-redis-replicas-0", "10.42.2.91"),
  fixturePod("ds-redis-replicas-1", "10.42.2.92"),
];
const write = (t: number, value: string, seq = t): LabEvent => ({
  seq,
  t,
  kind: "key-set",
  params: { actor: "teacher", key: "a", value },
});
const read = (t: number, lane: "replica-0" | "replica-1", value: string | null): ProbeSample => ({
  t,
  key: "a",
  lane,
  outcome: value === null ? "nil" : "ok",
  errorKind: null,
  value,
  latencyMs: 1,
});

function run(facts: Partial<ReplicationRunFacts>, over: Partial<RunSummary> = {}): RunSummary {
  return {
    ...startRun({
      id: "r1",
      pod: "ds-redis-master-0",
      nodeId: null,
      role: "master",
      mode: "graceful",
      actor: "teacher",
      startedAt: 5000,
      keys: ["a"],
    }),
    replication: {
      lost: [],
      masterAwayMs: null,
      replicasLinkedAfterMs: null,
      fullResyncs: 0,
      staleReads: 0,
      ...facts,
    },
    ...over,
  };
}

const input = (over: Partial<ReplicationGuideInput>): ReplicationGuideInput => ({
  lab,
  pods,
  events: [],
  samples: [],
  runs: [],
  resetAt: null,
  persistence: false,
  ...over,
});
const status = (steps: ReturnType<typeof replicationGuideSteps>) =>
  Object.fromEntries(steps.map((s) => [s.id, s.status]));

describe("replicationGuideSteps", () => {
  it("starts at the write, saying what to type", () => {
    const steps = replicationGuideSteps(input({}));
    expect(status(steps)).toEqual({
      write: "active",
      "delete-master": "todo",
      "master-back": "todo",
      resync: "todo",
      outcome: "todo",
    });
    expect(steps[0].detail).toEqual({ code: "writeTodo", params: { key: "a" } });
  });

  it("ticks the write with the last value, then waits for the master's delete", () => {
    const steps = replicationGuideSteps(input({ events: [write(1000, "1111"), write(2000, "3333")] }));
    expect(steps[0]).toMatchObject({
      status: "done",
      detail: { code: "written", params: { value: "3333", n: 2 } },
    });
    expect(steps[1]).toMatchObject({
      status: "active",
      detail: { code: "deleteMasterTodo", params: { pod: "ds-redis-master-0", persistence: "off" } },
    });
  });

  it("a write before the last reset does not count", () => {
    const steps = replicationGuideSteps(input({ events: [write(1000, "3333")], resetAt: 1500 }));
    expect(steps[0].status).toBe("active");
  });

  it("follows the delete: master back, replicas linked, then the value lost without persistence", () => {
    const events = [write(1000, "3333")];
    const away = replicationGuideSteps(input({ events, runs: [run({})] }));
    expect(status(away)).toMatchObject({ "delete-master": "done", "master-back": "active" });

    const linked = run({ masterAwayMs: 2100, replicasLinkedAfterMs: 2600, fullResyncs: 2 });
    const resyncing = replicationGuideSteps(input({ events, runs: [linked] }));
    expect(status(resyncing)).toMatchObject({ "master-back": "done", resync: "done", outcome: "active" });
    expect(resyncing[2].detail.params.awayMs).toEqual({ ms: 2100 });
    expect(resyncing[3].detail.params).toEqual({ linkedMs: { ms: 2600 }, n: 2 });

    const lost = run({
      masterAwayMs: 2100,
      replicasLinkedAfterMs: 2600,
      lost: [
        { pod: "ds-redis-master-0", keys: ["a"], dbsizeBefore: 1, dbsizeAfter: 0 },
        { pod: "ds-redis-replicas-0", keys: ["a"], dbsizeBefore: 1, dbsizeAfter: 0 },
        { pod: "ds-redis-replicas-1", keys: ["a"], dbsizeBefore: 1, dbsizeAfter: 0 },
      ],
    });
    const steps = replicationGuideSteps(input({ events, runs: [lost] }));
    expect(steps[4]).toMatchObject({
      status: "done",
      detail: { code: "valueLost", params: { key: "a", n: 3, keys: "a" } },
    });
  });

  it("with persistence the value is kept once the run ends, as the replica lanes read it", () => {
    const ended = run(
      { masterAwayMs: 2100, replicasLinkedAfterMs: 2600 },
      { status: "recovered", endedAt: 8000 },
    );
    const samples = [
      read(4000, "replica-0", "3333"),
      read(7000, "replica-0", "3333"),
      read(7001, "replica-1", "3333"),
    ];
    const steps = replicationGuideSteps(
      input({ events: [write(1000, "3333")], runs: [ended], samples, persistence: true }),
    );
    expect(steps.every((s) => s.status === "done")).toBe(true);
    expect(steps[4].detail).toEqual({ code: "valueKept", params: { key: "a", value: "3333" } });
  });

  it("linked but the run still open and nothing lost yet: the outcome is not decided", () => {
    const open = run({ masterAwayMs: 2100, replicasLinkedAfterMs: 2600 });
    const steps = replicationGuideSteps(
      input({ events: [write(1000, "3333")], runs: [open], persistence: true }),
    );
    expect(steps[4]).toMatchObject({
      status: "active",
      detail: { code: "outcomeTodo", params: { persistence: "on" } },
    });
  });

  it("a replica's delete is not the master's", () => {
    const replicaRun = { ...run({}), pod: "ds-redis-replicas-0", role: "replica" as const };
    const steps = replicationGuideSteps(input({ events: [write(1000, "3333")], runs: [replicaRun] }));
    expect(steps[1].status).toBe("active");
  });
});
