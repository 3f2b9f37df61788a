import { afterEach, describe, expect, it } from "vitest";
import { fixtureLab, fixturePod } from "@/lib/testFixtures";
import { newEvent } from "@/lib/events";
import type { PodState, ReplicationNode } from "@/lib/types";
import { Store } from "../store";
import { RunTracker } from "./runTracker";

const lab = fixtureLab({
  platform: "kubernetes",
  scope: "redis-cluster/ds-redis",
  keys: ["a"],
  lanes: ["cluster"],
});
const pod = (over: Partial<PodState>): PodState =>
  fixturePod("ds-redis-redis-cluster-2", "10.42.2.79", { createdAt: 0, ...over });

describe("RunTracker", () => {
  let tracker: RunTracker | null = null;
  afterEach(() => tracker?.stop());

  it("sees the replacement pod although Kubernetes stamped its creation before the delete (whole seconds)", () => {
    const store = new Store(lab);
    store.setPods([pod({})]);
    tracker = new RunTracker(store, 60_000);
    const run = tracker.begin("ds-redis-redis-cluster-2", "crash", "teacher");
    const secondOfDelete = Math.floor(run.startedAt / 1000) * 1000;

    store.setPods([pod({ phase: "Terminating", ready: false })]);
    store.setPods([pod({ phase: "Pending", ip: null, ready: false, createdAt: secondOfDelete })]);
    store.setPods([pod({ ip: "10.42.2.82", ready: false, createdAt: secondOfDelete })]);
    expect(store.run(run.id)!.podReadyAfterMs).toBeNull();
    store.setPods([pod({ ip: "10.42.2.82", ready: true, createdAt: secondOfDelete })]);
    expect(store.run(run.id)!.podReadyAfterMs).not.toBeNull();
  });

  it("does not take the old pod, still running before it is deleted, for its replacement", () => {
    const store = new Store(lab);
    store.setPods([pod({})]);
    tracker = new RunTracker(store, 60_000);
    const run = tracker.begin("ds-redis-redis-cluster-2", "graceful", "teacher");
    store.setPods([pod({ ready: true, createdAt: Date.now() + 1000 })]);
    expect(store.run(run.id)!.podReadyAfterMs).toBeNull();
  });
});

describe("RunTracker in the replication lab", () => {
  let tracker: RunTracker | null = null;
  afterEach(() => tracker?.stop());
  const MASTER = "ds-redis-master-0";
  const replicationLab = fixtureLab({
    lab: "replication",
    keys: ["a"],
    lanes: ["master", "replica-0", "replica-1", "replicas-svc"],
  });
  const node = (
    pod: string,
    role: "master" | "replica",
    linkStatus: "up" | "down" | null,
  ): ReplicationNode => ({
    pod,
    ip: null,
    reachable: true,
    role,
    linkStatus,
    masterHost: null,
    masterPod: role === "replica" ? MASTER : null,
    offset: 0,
    replId: null,
    connectedReplicas: null,
    lastIoSecondsAgo: null,
    syncInProgress: false,
    lastFullSyncAt: null,
    keys: 0,
    aofEnabled: true,
    loading: false,
  });

  it("collects keys-lost facts per pod and the master's time away", () => {
    const store = new Store(replicationLab);
    const master = (over: Partial<PodState>) => fixturePod(MASTER, "10.42.2.80", { createdAt: 0, ...over });
    store.setPods([master({})]);
    store.setReplication({
      nodes: [node(MASTER, "master", null), node("ds-redis-replicas-0", "replica", "up")],
    });
    tracker = new RunTracker(store, 60_000);
    const run = tracker.begin(MASTER, "graceful", "teacher");
    expect(run.role).toBe("master");
    store.setPods([master({ phase: "Terminating", ready: false })]);
    store.setPods([master({ ip: "10.42.2.91", ready: true })]);
    store.addEvents([
      newEvent("keys-lost", Date.now(), { pod: MASTER, keys: [], dbsizeBefore: 1, dbsizeAfter: 0 }),
      newEvent("keys-lost", Date.now(), { pod: MASTER, keys: ["a"], dbsizeBefore: 1, dbsizeAfter: 0 }),
      newEvent("replica-full-resync", Date.now(), { pod: "ds-redis-replicas-0", masterPod: MASTER, keys: 0 }),
      newEvent("keys-lost", Date.now(), {
        pod: "ds-redis-replicas-0",
        keys: ["a"],
        dbsizeBefore: 1,
        dbsizeAfter: 0,
      }),
    ]);
    const facts = store.run(run.id)!.replication!;
    expect(facts.lost.map((l) => [l.pod, l.keys])).toEqual([
      [MASTER, ["a"]],
      ["ds-redis-replicas-0", ["a"]],
    ]);
    expect(facts.fullResyncs).toBe(1);
    expect(facts.masterAwayMs).not.toBeNull();
  });
});
