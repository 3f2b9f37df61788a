import { describe, expect, it } from "vitest";
import type { AofSnapshot } from "../aof/aofSnapshot";
import { clusterLabState, topologyOf } from "./cluster/state";
import { deltaFollows } from "../clientState";
import { applyLabStateDelta, emptyLabState, labStateCanWait, labStateDelta } from "./labStateDelta";
import { aofOf, replicationOf, withReplication } from "./replication/state";

const aof = (at: number): AofSnapshot => ({
  pod: "ds-redis-master-0",
  at,
  persistence: true,
  dir: { manifestName: null, files: [], missing: false } as unknown as AofSnapshot["dir"],
  decodeLimitBytes: 1024,
});
const replication = { nodes: [{ pod: "ds-redis-master-0", role: "master" as const }] } as never;

describe("labStateDelta / applyLabStateDelta", () => {
  it("sends another lab's state whole, and nothing for an unchanged one", () => {
    const cluster = emptyLabState("cluster");
    const a = emptyLabState("replication");
    expect(labStateDelta(cluster, a, 1, 2)).toEqual({ base: 1, version: 2, full: a });
    expect(labStateDelta(null, cluster, 0, 1).full).toBe(cluster);
    const same = labStateDelta(a, a, 2, 3);
    expect(same).toEqual({ base: 2, version: 3 });
    expect(applyLabStateDelta(a, same)).toBe(a);
  });

  it("lab A sends only the part its observer changed, and keeps the other's identity", () => {
    const before = withReplication(emptyLabState("replication"), { replication, aof: aof(1) });
    const after = withReplication(before, { aof: aof(2) });
    const d = labStateDelta(before, after, 5, 6);
    expect(d.change).toEqual({ kind: "replication", aof: aof(2) });
    const held = applyLabStateDelta(JSON.parse(JSON.stringify(before)), JSON.parse(JSON.stringify(d)));
    expect(held).toEqual(after);
    const kept = applyLabStateDelta(before, d);
    expect(replicationOf(kept)).toBe(replicationOf(before));
    // The AOF view going away (a lab without persistence) is a change too.
    const gone = labStateDelta(after, withReplication(after, { aof: null }), 6, 7);
    expect(gone.change).toEqual({ kind: "replication", aof: null });
    expect(aofOf(applyLabStateDelta(after, gone))).toBeNull();
  });

  it("lab B sends the topology's change, not the topology", () => {
    const t1 = clusterLabState({ nodes: [], clusterState: "ok", views: [] });
    const t2 = clusterLabState({ nodes: [], clusterState: "fail", views: [] });
    const d = labStateDelta(t1, t2, 1, 2);
    expect(d.change).toEqual({ kind: "cluster", topology: { clusterState: "fail" } });
    expect(topologyOf(applyLabStateDelta(t1, d)).clusterState).toBe("fail");
    // Another lab's state has no topology: a cluster panel draws nothing from it.
    expect(topologyOf(emptyLabState("replication")).nodes).toEqual([]);
  });

  it("a delta applies only on the version it was made from", () => {
    expect(deltaFollows(4, { base: 4, version: 5 })).toBe("applies");
    expect(deltaFollows(5, { base: 4, version: 5 })).toBe("stale");
    expect(deltaFollows(4, { base: 5, version: 6 })).toBe("gap");
  });
});

describe("labStateCanWait", () => {
  const node = (id: string, role: "master" | "replica") =>
    ({ id, ip: "10.0.0.1", port: 6379, role, masterId: null, flags: [role], slots: [] }) as never;
  const view = (pod: string, knownNodes: number) => ({ pod, knownNodes, entries: [] }) as never;
  const state = (role: "master" | "replica", knownNodes: number, clusterState: "ok" | "fail" = "ok") =>
    clusterLabState({ nodes: [node("n1", role)], clusterState, views: [view("p0", knownNodes)] });

  it("lets lab B's change wait when only the pods' views moved, not a role or the cluster's state", () => {
    expect(labStateCanWait(state("replica", 6), state("replica", 5))).toBe(true);
    expect(labStateCanWait(state("replica", 6), state("master", 6))).toBe(false);
    expect(labStateCanWait(state("replica", 6), state("replica", 6, "fail"))).toBe(false);
  });

  it("sends at once a lab switch and lab A's changes (its spec says nothing may wait)", () => {
    const a = emptyLabState("replication");
    expect(labStateCanWait(state("replica", 6), a)).toBe(false);
    expect(labStateCanWait(a, withReplication(a, { aof: aof(1) }))).toBe(false);
  });
});
