import { afterEach, describe, expect, it } from "vitest";
import { fixtureLab, fixturePod } from "@/lib/testFixtures";
import { newEvent } from "@/lib/events";
import type { NodeView, PodState, ReplicationNode, Topology } from "@/lib/types";
import { Store } from "../store";
import { RunTracker } from "./runTracker";
import { clusterLabState } from "@/lib/labs/cluster/state";
import { withReplication } from "@/lib/labs/replication/state";

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

  it("says the cluster stayed ok when it never left cluster_state:ok, and not once it failed", () => {
    const store = new Store(lab);
    store.setPods([pod({})]);
    store.setLabState(clusterLabState({ nodes: [], clusterState: "ok", views: [] }));
    tracker = new RunTracker(store, 60_000);
    const stayed = tracker.begin("ds-redis-redis-cluster-2", "crash", "teacher");
    const node = { nodeId: stayed.nodeId ?? "", pod: null, ip: "10.0.0.1" };
    store.addEvents([newEvent("node-fail", Date.now(), node)]);
    expect(store.run(stayed.id)!.clusterStayedOk).toBe(true);

    const failed = tracker.begin("ds-redis-redis-cluster-2", "crash", "teacher");
    store.addEvents([newEvent("cluster-state", Date.now(), { state: "fail" })]);
    store.addEvents([newEvent("cluster-state", Date.now(), { state: "ok" })]);
    expect(store.run(failed.id)!.clusterStayedOk).toBe(false);
  });

  const OLD_ID = "e64f0b9d8ca9b97ebe0ef4982542bd592cd5ee07";
  const view = (ip: string, myId: string): NodeView => ({
    pod: "ds-redis-redis-cluster-2",
    ip,
    reachable: true,
    error: null,
    myId,
    clusterState: "ok",
    knownNodes: 6,
    currentEpoch: 6,
    entries: [],
    at: Date.now(),
  });
  const topology = (views: NodeView[]): Topology => ({
    clusterState: "ok",
    views,
    nodes: [
      {
        id: OLD_ID,
        ip: "10.42.2.79",
        port: 6379,
        role: "master",
        masterId: null,
        flags: [],
        slots: [[10923, 16383]],
        configEpoch: 3,
        pod: "ds-redis-redis-cluster-2",
      },
    ],
  });

  function deleteAndReplace(store: Store, t: RunTracker) {
    const run = t.begin("ds-redis-redis-cluster-2", "graceful", "teacher");
    store.setPods([pod({ phase: "Terminating", ready: false })]);
    store.setPods([pod({ ip: "10.42.2.82", ready: false })]);
    return run;
  }

  it("a master back with its own id before any promotion: the run says it returned, no failover", () => {
    const store = new Store(lab);
    store.setPods([pod({})]);
    store.setLabState(clusterLabState(topology([view("10.42.2.79", OLD_ID)])));
    tracker = new RunTracker(store, 60_000);
    const run = deleteAndReplace(store, tracker);
    // The old view, read before the delete at the old IP, is not the return.
    expect(store.run(run.id)!.returnedNodeId).toBeNull();
    store.setLabState(clusterLabState(topology([view("10.42.2.82", OLD_ID)])));
    const after = store.run(run.id)!;
    expect(after.outcome).toBe("returned");
    expect(after.returnedNodeId).toBe(OLD_ID);
    expect(after.returnedAfterMs).not.toBeNull();
    expect(after.promotedAfterMs).toBeNull();
  });

  it("a new, empty node in the pod's place: no outcome until the replica is promoted", () => {
    const store = new Store(lab);
    store.setPods([pod({})]);
    store.setLabState(clusterLabState(topology([view("10.42.2.79", OLD_ID)])));
    tracker = new RunTracker(store, 60_000);
    const run = deleteAndReplace(store, tracker);
    store.setLabState(
      clusterLabState(topology([view("10.42.2.82", "11439c6cb119c655887813742cb13eb8be4d3ab0")])),
    );
    expect(store.run(run.id)!.outcome).toBeNull();
    expect(store.run(run.id)!.returnedNodeId).toBe("11439c6cb119c655887813742cb13eb8be4d3ab0");
    store.addEvents([
      newEvent("replica-promoted", Date.now(), {
        nodeId: "d25d71a3282e47d3d12c4c7d92d3bddc712a148c",
        pod: "ds-redis-redis-cluster-3",
        ip: "10.42.2.77",
        slots: "10923-16383",
      }),
    ]);
    expect(store.run(run.id)!.outcome).toBe("failover");
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
    store.setLabState(
      withReplication(store.labState, {
        replication: { nodes: [node(MASTER, "master", null), node("ds-redis-replicas-0", "replica", "up")] },
      }),
    );
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
