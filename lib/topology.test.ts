import { describe, it, expect } from "vitest";
import { parseClusterNodes } from "./clusterNodes";
import { buildTopology, viewDisagreements } from "./topology";
import { diffTopology } from "./topologyDiff";
import type { NodeView, PodState } from "./types";

// The seed's six nodes (ids, IPs, pods) before the failover.
const ID = {
  m0: "3878969c8652eaf2c095ea9342470083b6eb4186",
  m1: "596caffb0fcf230cbbb3804214863a55c7c4421c",
  m2: "e64f0b9d8ca9b97ebe0ef4982542bd592cd5ee07",
  r3: "d25d71a3282e47d3d12c4c7d92d3bddc712a148c",
  r4: "5c8303528d249a50ee5299c3a425eb1c73318f17",
  r5: "846d10b42b6b9e212fd0d4abf0ae9b778ad85876",
  fresh: "11439c6cb119c655887813742cb13eb8be4d3ab0",
};
const POD_OF: Record<string, [string, string]> = {
  [ID.m0]: ["ds-redis-redis-cluster-0", "10.42.2.76"],
  [ID.m1]: ["ds-redis-redis-cluster-1", "10.42.2.78"],
  [ID.m2]: ["ds-redis-redis-cluster-2", "10.42.2.79"],
  [ID.r3]: ["ds-redis-redis-cluster-3", "10.42.2.77"],
  [ID.r4]: ["ds-redis-redis-cluster-4", "10.42.2.81"],
  [ID.r5]: ["ds-redis-redis-cluster-5", "10.42.2.80"],
};

const HEALTHY = `${ID.r3} 10.42.2.77:6379@16379 slave ${ID.m2} 0 1710043738000 3 connected
${ID.r5} 10.42.2.80:6379@16379 slave ${ID.m1} 0 1710043738717 2 connected
${ID.m1} 10.42.2.78:6379@16379 master - 0 1710043737000 2 connected 5461-10922
${ID.m0} 10.42.2.76:6379@16379 master - 0 1710043739722 1 connected 0-5460
${ID.m2} 10.42.2.79:6379@16379 master - 0 1710043737000 3 connected 10923-16383
${ID.r4} 10.42.2.81:6379@16379 slave ${ID.m0} 0 1710043739000 1 connected`;

const AFTER_FAILOVER = `${ID.r3} 10.42.2.77:6379@16379 master - 0 1710045164241 7 connected 10923-16383
${ID.r5} 10.42.2.80:6379@16379 slave ${ID.m1} 0 1710045163000 2 connected
${ID.m1} 10.42.2.78:6379@16379 master - 0 1710045161000 2 connected 5461-10922
${ID.m0} 10.42.2.76:6379@16379 master - 0 1710045162228 1 connected 0-5460
${ID.m2} 10.42.2.79:6379@16379 master,fail - 1710044090847 1710044085792 3 connected
${ID.r4} 10.42.2.81:6379@16379 slave ${ID.m0} 0 1710045163233 1 connected`;

function pod(name: string, ip: string | null, over: Partial<PodState> = {}): PodState {
  return {
    name,
    ip,
    phase: "Running",
    ready: true,
    readyReason: null,
    restarts: 0,
    createdAt: 0,
    node: null,
    ...over,
  };
}

/** The view of the pod that owns `myId`, from a shared CLUSTER NODES text with `myself` added on its line. */
function viewOf(myId: string, text: string, over: Partial<NodeView> = {}): NodeView {
  const [name, ip] = POD_OF[myId];
  const entries = parseClusterNodes(text).map((e) =>
    e.id === myId ? { ...e, flags: ["myself", ...e.flags] } : e,
  );
  return {
    pod: name,
    ip,
    reachable: true,
    error: null,
    myId,
    clusterState: "ok",
    knownNodes: entries.length,
    currentEpoch: 7,
    entries,
    at: 1,
    ...over,
  };
}

const SIX = [ID.m0, ID.m1, ID.m2, ID.r3, ID.r4, ID.r5];
const pods = () => SIX.map((id) => pod(...POD_OF[id]));

describe("buildTopology", () => {
  it("orders a healthy 3+3 cluster masters by slot, each followed by its replica", () => {
    const topo = buildTopology(
      pods(),
      SIX.map((id) => viewOf(id, HEALTHY)),
    );
    expect(topo.clusterState).toBe("ok");
    expect(topo.nodes.map((n) => [n.pod, n.role])).toEqual([
      ["ds-redis-redis-cluster-0", "master"],
      ["ds-redis-redis-cluster-4", "replica"],
      ["ds-redis-redis-cluster-1", "master"],
      ["ds-redis-redis-cluster-5", "replica"],
      ["ds-redis-redis-cluster-2", "master"],
      ["ds-redis-redis-cluster-3", "replica"],
    ]);
    expect(topo.nodes[0]).toEqual({
      id: ID.m0,
      ip: "10.42.2.76",
      port: 6379,
      role: "master",
      masterId: null,
      flags: [],
      slots: [[0, 5460]],
      configEpoch: 1,
      pod: "ds-redis-redis-cluster-0",
    });
    expect(topo.nodes.every((n) => !n.flags.includes("myself"))).toBe(true);
    expect(viewDisagreements(topo.views)).toEqual([]);
  });

  it("shows the promoted replica, the restarted empty master and the old id as a ghost", () => {
    const restarted = pod("ds-redis-redis-cluster-2", "10.42.2.82", {
      ready: false,
      readyReason: "cluster_state:fail",
    });
    const lonely: NodeView = {
      pod: "ds-redis-redis-cluster-2",
      ip: "10.42.2.82",
      reachable: true,
      error: null,
      myId: ID.fresh,
      clusterState: "fail",
      knownNodes: 1,
      currentEpoch: 0,
      entries: parseClusterNodes(`${ID.fresh} :6379@16379 myself,master - 0 0 0 connected`),
      at: 1,
    };
    const views = [lonely, ...[ID.m0, ID.m1, ID.r3, ID.r4, ID.r5].map((id) => viewOf(id, AFTER_FAILOVER))];
    const topo = buildTopology(
      pods().map((p) => (p.name === restarted.name ? restarted : p)),
      views,
    );

    expect(topo.clusterState).toBe("ok");
    expect(topo.nodes.map((n) => n.id.slice(0, 8))).toEqual([
      "3878969c",
      "5c830352",
      "596caffb",
      "846d10b4",
      "d25d71a3",
      "11439c6c",
      "e64f0b9d",
    ]);
    expect(topo.nodes[4]).toMatchObject({
      role: "master",
      slots: [[10923, 16383]],
      configEpoch: 7,
      pod: "ds-redis-redis-cluster-3",
    });
    expect(topo.nodes[5]).toMatchObject({
      id: ID.fresh,
      ip: "10.42.2.82",
      role: "master",
      slots: [],
      flags: [],
      pod: "ds-redis-redis-cluster-2",
    });
    expect(topo.nodes[6]).toMatchObject({ id: ID.m2, role: "master", flags: ["fail"], slots: [], pod: null });

    const disagreements = viewDisagreements(topo.views);
    expect(disagreements).toHaveLength(7);
    const restartedSays = Object.fromEntries(
      disagreements.map((d) => [d.nodeId.slice(0, 8), d.byPod["ds-redis-redis-cluster-2"]]),
    );
    expect(restartedSays).toEqual({
      "11439c6c": "master",
      "3878969c": "unknown",
      "596caffb": "unknown",
      "5c830352": "unknown",
      "846d10b4": "unknown",
      d25d71a3: "unknown",
      e64f0b9d: "unknown",
    });
    const ghost = disagreements.find((d) => d.nodeId === ID.m2);
    expect(ghost?.byPod["ds-redis-redis-cluster-0"]).toBe("master,fail");
    expect(disagreements.find((d) => d.nodeId === ID.r5)?.byPod["ds-redis-redis-cluster-1"]).toBe(
      "slave 596caffb",
    );
  });

  it("attributes the failed old id to the terminating pod that still has its IP", () => {
    const failing = AFTER_FAILOVER.replace(
      `${ID.r3} 10.42.2.77:6379@16379 master - 0 1710045164241 7 connected 10923-16383`,
      `${ID.r3} 10.42.2.77:6379@16379 slave ${ID.m2} 0 1710045164241 3 connected`,
    ).replace(
      "master,fail - 1710044090847 1710044085792 3 connected",
      "master,fail - 1710044090847 1710044085792 3 connected 10923-16383",
    );
    const terminating = pod("ds-redis-redis-cluster-2", "10.42.2.79", { phase: "Terminating", ready: false });
    const views = [
      viewOf(ID.m2, "", { reachable: false, error: "connect ECONNREFUSED", myId: null, clusterState: null }),
      ...[ID.m0, ID.m1, ID.r3, ID.r4, ID.r5].map((id) => viewOf(id, failing, { clusterState: "fail" })),
    ];
    const topo = buildTopology(
      pods().map((p) => (p.name === terminating.name ? terminating : p)),
      views,
    );
    expect(topo.clusterState).toBe("fail");
    const old = topo.nodes.find((n) => n.id === ID.m2);
    expect(old).toMatchObject({ pod: "ds-redis-redis-cluster-2", flags: ["fail"], slots: [[10923, 16383]] });
    expect(topo.nodes.map((n) => n.id.slice(0, 8))).toEqual([
      "3878969c",
      "5c830352",
      "596caffb",
      "846d10b4",
      "e64f0b9d",
      "d25d71a3",
    ]);
  });

  it("takes a node's flags from the majority of the other views and keeps an unreachable pod's node", () => {
    const suspect = (text: string, id: string) =>
      text.replace(`${id} 10.42.2.76:6379@16379 master - 0`, `${id} 10.42.2.76:6379@16379 master,fail? - 1`);
    const views = [
      viewOf(ID.m0, "", { reachable: false, error: "timeout", myId: null, clusterState: null }),
      viewOf(ID.m1, suspect(HEALTHY, ID.m0)),
      viewOf(ID.m2, suspect(HEALTHY, ID.m0)),
      viewOf(ID.r3, suspect(HEALTHY, ID.m0)),
      viewOf(ID.r4, HEALTHY),
      // This one also suspects pod-3, but alone: a minority opinion is not shown on the node.
      viewOf(
        ID.r5,
        suspect(HEALTHY, ID.m0).replace(
          `${ID.r3} 10.42.2.77:6379@16379 slave`,
          `${ID.r3} 10.42.2.77:6379@16379 slave,fail?`,
        ),
      ),
    ];
    const topo = buildTopology(pods(), views);
    const m0 = topo.nodes.find((n) => n.id === ID.m0);
    expect(m0).toMatchObject({
      pod: "ds-redis-redis-cluster-0",
      flags: ["pfail"],
      role: "master",
      slots: [[0, 5460]],
    });
    expect(topo.nodes.find((n) => n.id === ID.r3)?.flags).toEqual([]);
    expect(topo.nodes).toHaveLength(6);
    expect(topo.nodes[0].id).toBe(ID.m0);
  });

  it("reports unknown state when no pod answers and fail on a tie", () => {
    expect(buildTopology(pods(), []).clusterState).toBe("unknown");
    const down = SIX.map((id) => viewOf(id, HEALTHY, { reachable: false }));
    expect(buildTopology(pods(), down)).toMatchObject({ clusterState: "unknown", nodes: [] });
    const split = SIX.map((id, i) => viewOf(id, HEALTHY, { clusterState: i % 2 ? "ok" : "fail" }));
    expect(buildTopology(pods(), split).clusterState).toBe("fail");
  });

  // During CLUSTER MEET the introducing node lists the newcomer under a throwaway id with `handshake`, and
  // address-less entries carry `noaddr`: the seed's "781f078d appeared as master … no longer known" came from these.
  it("does not make nodes of handshake or noaddr entries, and no events come of them", () => {
    const handshake = `781f078d00000000000000000000000000000000 10.42.2.82:6379@16379 handshake - 1710045170000 0 0 disconnected`;
    const noaddr = `99aa00bb00000000000000000000000000000000 :0@0 master,noaddr - 1710045170000 0 0 disconnected`;
    const healthy = buildTopology(
      pods(),
      SIX.map((id) => viewOf(id, HEALTHY)),
    );
    const meeting = buildTopology(
      pods(),
      SIX.map((id) => viewOf(id, id === ID.m0 ? `${HEALTHY}\n${handshake}\n${noaddr}` : HEALTHY)),
    );
    expect(meeting.nodes.map((n) => n.id).sort()).toEqual([...SIX].sort());
    // The raw view still shows what Redis said.
    expect(meeting.views.find((v) => v.myId === ID.m0)?.entries).toHaveLength(8);
    expect(diffTopology(healthy, meeting, 1)).toEqual([]);
    expect(diffTopology(meeting, healthy, 2)).toEqual([]);
  });

  it("is deterministic whatever the order of pods and views", () => {
    const views = SIX.map((id) => viewOf(id, AFTER_FAILOVER));
    const a = buildTopology(pods(), views);
    const b = buildTopology([...pods()].reverse(), [...views].reverse());
    expect(b.nodes).toEqual(a.nodes);
  });
});
