import { describe, it, expect } from "vitest";
import { diffTopology } from "./topologyDiff";
import { nodeIdOf, podOf } from "./events";
import { englishText } from "./i18n/testing";
import type { NodeSummary, NodeView, Topology } from "./types";

const M0 = "3878969c8652eaf2c095ea9342470083b6eb4186";
const M2 = "e64f0b9d8ca9b97ebe0ef4982542bd592cd5ee07";
const R3 = "d25d71a3282e47d3d12c4c7d92d3bddc712a148c";
const FRESH = "11439c6cb119c655887813742cb13eb8be4d3ab0";

function node(id: string, over: Partial<NodeSummary>): NodeSummary {
  return {
    id,
    ip: "",
    port: 6379,
    role: "master",
    masterId: null,
    flags: [],
    slots: [],
    configEpoch: 0,
    pod: null,
    ...over,
  };
}

const answering: NodeView = {
  pod: "ds-redis-redis-cluster-1",
  ip: "10.42.2.78",
  reachable: true,
  error: null,
  myId: null,
  clusterState: "ok",
  knownNodes: 6,
  currentEpoch: 7,
  entries: [],
  at: 0,
};

function topo(
  nodes: NodeSummary[],
  clusterState: Topology["clusterState"] = "ok",
  reachable = true,
): Topology {
  return { nodes, clusterState, views: [{ ...answering, reachable }] };
}

const m0 = node(M0, {
  ip: "10.42.2.76",
  pod: "ds-redis-redis-cluster-0",
  slots: [[0, 5460]],
  configEpoch: 1,
});
const m2 = node(M2, {
  ip: "10.42.2.79",
  pod: "ds-redis-redis-cluster-2",
  slots: [[10923, 16383]],
  configEpoch: 3,
});
const r3 = node(R3, { ip: "10.42.2.77", pod: "ds-redis-redis-cluster-3", role: "replica", masterId: M2 });

describe("diffTopology", () => {
  it("says nothing on the first topology or when nothing changed", () => {
    expect(diffTopology(null, topo([m0, m2, r3]), 1)).toEqual([]);
    expect(diffTopology(topo([m0, m2, r3]), topo([m0, m2, r3]), 1)).toEqual([]);
  });

  it("reports PFAIL with the node's pod and IP", () => {
    const events = diffTopology(topo([m0]), topo([{ ...m0, flags: ["pfail"] }]), 42);
    expect(events).toEqual([
      {
        t: 42,
        kind: "node-pfail",
        params: { nodeId: M0, pod: "ds-redis-redis-cluster-0", ip: "10.42.2.76" },
      },
    ]);
    expect(englishText(events[0])).toBe(
      "Node 3878969c (ds-redis-redis-cluster-0, 10.42.2.76) is suspected failing (PFAIL)",
    );
  });

  it("tells the seed's failover: FAIL, cluster fail, then promotion and cluster ok", () => {
    const healthy = topo([m2, r3]);
    const pfail = topo([{ ...m2, flags: ["pfail"] }, r3]);
    const failed = topo([{ ...m2, flags: ["fail"] }, r3], "fail");
    const promoted = topo(
      [
        { ...m2, flags: ["fail"], slots: [] },
        { ...r3, role: "master", masterId: null, slots: [[10923, 16383]] },
      ],
      "ok",
    );
    expect(diffTopology(healthy, pfail, 1).map((e) => e.kind)).toEqual(["node-pfail"]);
    const fail = diffTopology(pfail, failed, 2);
    expect(fail.map((e) => [e.kind, englishText(e)])).toEqual([
      ["node-fail", "Node e64f0b9d (ds-redis-redis-cluster-2, 10.42.2.79) is marked as failed (FAIL)"],
      ["cluster-state", "cluster_state: fail"],
    ]);
    const promotion = diffTopology(failed, promoted, 3);
    expect(promotion.map((e) => [e.kind, englishText(e), nodeIdOf(e)])).toEqual([
      ["replica-promoted", "ds-redis-redis-cluster-3 (d25d71a3) promoted to master, serving 10923-16383", R3],
      ["cluster-state", "cluster_state: ok", null],
    ]);
  });

  it("reports a PFAIL that clears as a recovery", () => {
    const events = diffTopology(topo([{ ...m0, flags: ["pfail"] }]), topo([m0]), 5);
    expect(events.map((e) => [e.kind, englishText(e)])).toEqual([
      [
        "node-recovered",
        "Node 3878969c (ds-redis-redis-cluster-0, 10.42.2.76) is reachable again (no longer PFAIL)",
      ],
    ]);
  });

  it("reports the repair: the new node appears, is made a replica, the old id is forgotten", () => {
    const ghost = { ...m2, flags: ["fail"], slots: [], pod: null };
    const promoted = {
      ...r3,
      role: "master" as const,
      masterId: null,
      slots: [[10923, 16383]] as [number, number][],
    };
    const fresh = node(FRESH, { ip: "10.42.2.82", pod: "ds-redis-redis-cluster-2" });
    const before = topo([m0, promoted, ghost]);
    const met = topo([m0, promoted, fresh, ghost]);
    const replicated = topo([m0, promoted, { ...fresh, role: "replica", masterId: R3 }]);

    expect(diffTopology(before, met, 1).map((e) => [e.kind, englishText(e), podOf(e)])).toEqual([
      [
        "node-added",
        "Node 11439c6c (ds-redis-redis-cluster-2, 10.42.2.82) appeared as master",
        "ds-redis-redis-cluster-2",
      ],
    ]);
    expect(diffTopology(met, replicated, 2).map((e) => [e.kind, englishText(e), nodeIdOf(e)])).toEqual([
      [
        "role-changed",
        "ds-redis-redis-cluster-2 (11439c6c) is now a replica of d25d71a3 (was master)",
        FRESH,
      ],
      ["node-forgotten", "Node e64f0b9d (10.42.2.79) is no longer known to any node", M2],
    ]);
  });

  it("reports a replica that changes master and a master that loses its role", () => {
    const moved = diffTopology(topo([r3]), topo([{ ...r3, masterId: M0 }]), 1);
    expect(moved.map((e) => [e.kind, englishText(e)])).toEqual([
      ["role-changed", "ds-redis-redis-cluster-3 (d25d71a3) now replicates 3878969c (was e64f0b9d)"],
    ]);
    const emptyMaster = diffTopology(topo([r3]), topo([{ ...r3, role: "master", masterId: null }]), 1);
    expect(emptyMaster.map((e) => [e.kind, englishText(e)])).toEqual([
      ["role-changed", "ds-redis-redis-cluster-3 (d25d71a3) is now a master with no slots (was replica)"],
    ]);
  });

  it("does not call every node forgotten when no pod answers", () => {
    const blind = topo([], "unknown", false);
    expect(diffTopology(topo([m0, m2]), blind, 1)).toEqual([]);
    expect(diffTopology(blind, topo([m0, m2]), 2)).toEqual([]);
  });

  it("ignores nodes that are only a handshake or have no address", () => {
    const meeting = node(FRESH, { ip: "10.42.2.82", pod: null, flags: ["handshake"] });
    const lost = node(FRESH, { ip: "", pod: null, flags: ["noaddr"] });
    expect(diffTopology(topo([m0, r3]), topo([m0, r3, meeting]), 1)).toEqual([]);
    expect(diffTopology(topo([m0, r3, meeting]), topo([m0, r3]), 2)).toEqual([]);
    expect(diffTopology(topo([m0, r3, lost]), topo([m0, r3]), 3)).toEqual([]);
  });
});
