import { newEvent } from "@/lib/events";
import { afterEach, describe, expect, it } from "vitest";
import { fixtureLab, fixturePod } from "@/lib/testFixtures";
import type { PodState } from "@/lib/types";
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

  it("says the cluster stayed ok when it never left cluster_state:ok, and not once it failed", () => {
    const store = new Store(lab);
    store.setPods([pod({})]);
    store.setTopology({ nodes: [], clusterState: "ok", views: [] });
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
});
