import { describe, it, expect } from "vitest";
import { parseClusterInfo, parseClusterNodes } from "./clusterNodes";

// Verbatim from the seed lab (seed/000_c454cfbc4dd827cb.txt).
const BEFORE = `d25d71a3282e47d3d12c4c7d92d3bddc712a148c 10.42.2.77:6379@16379 slave e64f0b9d8ca9b97ebe0ef4982542bd592cd5ee07 0 1710043738000 3 connected
846d10b42b6b9e212fd0d4abf0ae9b778ad85876 10.42.2.80:6379@16379 slave 596caffb0fcf230cbbb3804214863a55c7c4421c 0 1710043738717 2 connected
596caffb0fcf230cbbb3804214863a55c7c4421c 10.42.2.78:6379@16379 myself,master - 0 1710043737000 2 connected 5461-10922
3878969c8652eaf2c095ea9342470083b6eb4186 10.42.2.76:6379@16379 master - 0 1710043739722 1 connected 0-5460
e64f0b9d8ca9b97ebe0ef4982542bd592cd5ee07 10.42.2.79:6379@16379 master - 0 1710043737000 3 connected 10923-16383
5c8303528d249a50ee5299c3a425eb1c73318f17 10.42.2.81:6379@16379 slave 3878969c8652eaf2c095ea9342470083b6eb4186 0 1710043739000 1 connected
`;

const AFTER_FAILOVER = `
d25d71a3282e47d3d12c4c7d92d3bddc712a148c 10.42.2.77:6379@16379 master - 0 1710045164241 7 connected 10923-16383
846d10b42b6b9e212fd0d4abf0ae9b778ad85876 10.42.2.80:6379@16379 slave 596caffb0fcf230cbbb3804214863a55c7c4421c 0 1710045163000 2 connected
596caffb0fcf230cbbb3804214863a55c7c4421c 10.42.2.78:6379@16379 myself,master - 0 1710045161000 2 connected 5461-10922
3878969c8652eaf2c095ea9342470083b6eb4186 10.42.2.76:6379@16379 master - 0 1710045162228 1 connected 0-5460
e64f0b9d8ca9b97ebe0ef4982542bd592cd5ee07 10.42.2.79:6379@16379 master,fail - 1710044090847 1710044085792 3 connected
5c8303528d249a50ee5299c3a425eb1c73318f17 10.42.2.81:6379@16379 slave 3878969c8652eaf2c095ea9342470083b6eb4186 0 1710045163233 1 connected
`;

const AFTER_REPAIR = `11439c6cb119c655887813742cb13eb8be4d3ab0 10.42.2.82:6379@16379 slave d25d71a3282e47d3d12c4c7d92d3bddc712a148c 0 1710048319462 7 connected
3878969c8652eaf2c095ea9342470083b6eb4186 10.42.2.76:6379@16379 master - 0 1710048320467 1 connected 0-5460
596caffb0fcf230cbbb3804214863a55c7c4421c 10.42.2.78:6379@16379 master - 0 1710048318450 2 connected 5461-10922
d25d71a3282e47d3d12c4c7d92d3bddc712a148c 10.42.2.77:6379@16379 myself,master - 0 1710048319000 7 connected 10923-16383
5c8303528d249a50ee5299c3a425eb1c73318f17 10.42.2.81:6379@16379 slave 3878969c8652eaf2c095ea9342470083b6eb4186 0 1710048317435 1 connected
846d10b42b6b9e212fd0d4abf0ae9b778ad85876 10.42.2.80:6379@16379 slave 596caffb0fcf230cbbb3804214863a55c7c4421c 0 1710048318000 2 connected
`;

describe("parseClusterNodes", () => {
  it("parses the seed's healthy 3+3 cluster", () => {
    const nodes = parseClusterNodes(BEFORE);
    expect(nodes).toHaveLength(6);
    expect(nodes[0]).toEqual({
      id: "d25d71a3282e47d3d12c4c7d92d3bddc712a148c",
      ip: "10.42.2.77",
      port: 6379,
      busPort: 16379,
      hostname: null,
      flags: [],
      role: "replica",
      masterId: "e64f0b9d8ca9b97ebe0ef4982542bd592cd5ee07",
      pingSent: 0,
      pongRecv: 1710043738000,
      configEpoch: 3,
      linkState: "connected",
      slots: [],
      migrations: [],
    });
    const me = nodes[2];
    expect(me.flags).toEqual(["myself"]);
    expect(me.role).toBe("master");
    expect(me.masterId).toBeNull();
    expect(me.slots).toEqual([[5461, 10922]]);
    expect(nodes.filter((n) => n.role === "master").map((n) => n.slots)).toEqual([
      [[5461, 10922]],
      [[0, 5460]],
      [[10923, 16383]],
    ]);
  });

  it("parses the failed old master after the failover", () => {
    const nodes = parseClusterNodes(AFTER_FAILOVER);
    expect(nodes).toHaveLength(6);
    const promoted = nodes.find((n) => n.id.startsWith("d25d71a3"));
    expect(promoted).toMatchObject({ role: "master", configEpoch: 7, slots: [[10923, 16383]] });
    const ghost = nodes.find((n) => n.id.startsWith("e64f0b9d"));
    expect(ghost).toMatchObject({
      role: "master",
      flags: ["fail"],
      pingSent: 1710044090847,
      pongRecv: 1710044085792,
      slots: [],
    });
  });

  it("parses the repaired cluster with the new node as a replica", () => {
    const nodes = parseClusterNodes(AFTER_REPAIR);
    expect(nodes[0]).toMatchObject({
      id: "11439c6cb119c655887813742cb13eb8be4d3ab0",
      ip: "10.42.2.82",
      role: "replica",
      masterId: "d25d71a3282e47d3d12c4c7d92d3bddc712a148c",
    });
    expect(nodes.filter((n) => n.role === "replica")).toHaveLength(3);
  });

  it("reports fail? as pfail and keeps other flags", () => {
    const [n] = parseClusterNodes(
      "3878969c8652eaf2c095ea9342470083b6eb4186 10.42.2.76:6379@16379 master,fail?,nofailover - 1710043739722 1710043738000 1 disconnected 0-5460",
    );
    expect(n.flags).toEqual(["pfail", "nofailover"]);
    expect(n.linkState).toBe("disconnected");
  });

  it("parses a node in handshake (no role flag yet) and noaddr nodes", () => {
    const nodes = parseClusterNodes(
      [
        "e5a3c2b1f0e5a3c2b1f0e5a3c2b1f0e5a3c2b1f0 10.42.2.82:6379@16379 handshake - 0 0 0 disconnected",
        "a2e3366d2310533a6cab5181afa197c93a5904a3 :0@0 master,fail,noaddr - 1689469515457 1689469511429 1 disconnected",
        "11439c6cb119c655887813742cb13eb8be4d3ab0 :6379@16379 myself,master - 0 0 0 connected",
      ].join("\r\n"),
    );
    expect(nodes[0]).toMatchObject({ role: "master", flags: ["handshake"], ip: "10.42.2.82" });
    expect(nodes[1]).toMatchObject({ ip: "", port: 0, busPort: 0, flags: ["fail", "noaddr"] });
    expect(nodes[2]).toMatchObject({ ip: "", port: 6379, busPort: 16379, flags: ["myself"] });
  });

  it("separates single slots, ranges and migrations", () => {
    const [n] = parseClusterNodes(
      "596caffb0fcf230cbbb3804214863a55c7c4421c 10.42.2.78:6379@16379 myself,master - 0 0 2 connected 0-92 93 5461-10922 [93->-3878969c8652eaf2c095ea9342470083b6eb4186] [94-<-e64f0b9d8ca9b97ebe0ef4982542bd592cd5ee07]",
    );
    expect(n.slots).toEqual([
      [0, 92],
      [93, 93],
      [5461, 10922],
    ]);
    expect(n.migrations).toEqual([
      { slot: 93, direction: "migrating", nodeId: "3878969c8652eaf2c095ea9342470083b6eb4186" },
      { slot: 94, direction: "importing", nodeId: "e64f0b9d8ca9b97ebe0ef4982542bd592cd5ee07" },
    ]);
  });

  it("reads the Redis 7 hostname form", () => {
    const [n] = parseClusterNodes(
      "d25d71a3282e47d3d12c4c7d92d3bddc712a148c 10.42.2.77:6379@16379,ds-redis-redis-cluster-3.ds-redis-redis-cluster-headless myself,master - 0 0 7 connected 10923-16383",
    );
    expect(n).toMatchObject({
      ip: "10.42.2.77",
      port: 6379,
      busPort: 16379,
      hostname: "ds-redis-redis-cluster-3.ds-redis-redis-cluster-headless",
    });
  });

  it("returns nothing for empty input and skips blank lines", () => {
    expect(parseClusterNodes("")).toEqual([]);
    expect(parseClusterNodes("\r\n\n  \n")).toEqual([]);
  });

  it("throws a clear error on a malformed line", () => {
    expect(() => parseClusterNodes(BEFORE + "deadbeef 10.42.2.90:6379@16379 master -\n")).toThrow(
      /expected at least 8 fields, got 4 in line: deadbeef/,
    );
    expect(() => parseClusterNodes("abc 10.0.0.1:6379@16379 master - 0 0 1 connected 16000-99999")).toThrow(
      /slot 99999 out of range/,
    );
    expect(() => parseClusterNodes("abc 10.0.0.1:6379@16379 master - 0 0 1 weird")).toThrow(/link state/);
  });
});

describe("parseClusterInfo", () => {
  it("parses the restarted pod's CLUSTER INFO from the seed", () => {
    const info = parseClusterInfo(
      [
        "cluster_state:fail",
        "cluster_slots_assigned:0",
        "cluster_slots_ok:0",
        "cluster_slots_pfail:0",
        "cluster_slots_fail:0",
        "cluster_known_nodes:1",
        "cluster_size:0",
        "cluster_current_epoch:0",
        "cluster_my_epoch:0",
        "",
      ].join("\r\n"),
    );
    expect(info).toMatchObject({ state: "fail", knownNodes: 1, currentEpoch: 0, slotsAssigned: 0, size: 0 });
    expect(info.fields.cluster_my_epoch).toBe("0");
  });

  it("parses a healthy cluster and tolerates missing fields", () => {
    expect(
      parseClusterInfo(
        "cluster_state:ok\ncluster_slots_assigned:16384\ncluster_known_nodes:6\ncluster_size:3\ncluster_current_epoch:7",
      ),
    ).toMatchObject({ state: "ok", knownNodes: 6, currentEpoch: 7, slotsAssigned: 16384, size: 3 });
    expect(parseClusterInfo("")).toEqual({
      state: null,
      knownNodes: 0,
      currentEpoch: 0,
      slotsAssigned: 0,
      size: 0,
      fields: {},
    });
  });
});
