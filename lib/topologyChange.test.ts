import { describe, expect, it } from "vitest";
import { fixtureLoneView, fixturePod, fixtureViews, T0 } from "./testFixtures";
import { buildTopology } from "./topology";
import { applyTopologyChange, topologyChange } from "./topologyChange";
import type { NodeView, PodState, Topology } from "./types";

// The seed's cluster: six pods, the master of `a` (slot 15495) is cluster-2, its replica cluster-3.
const ID = {
  m0: "3878969c8652eaf2c095ea9342470083b6eb4186",
  m1: "596caffb0fcf230cbbb3804214863a55c7c4421c",
  m2: "e64f0b9d8ca9b97ebe0ef4982542bd592cd5ee07",
  r3: "d25d71a3282e47d3d12c4c7d92d3bddc712a148c",
  r4: "5c8303528d249a50ee5299c3a425eb1c73318f17",
  r5: "846d10b42b6b9e212fd0d4abf0ae9b778ad85876",
  fresh: "11439c6cb119c655887813742cb13eb8be4d3ab0",
};
const IPS = ["10.42.2.76", "10.42.2.78", "10.42.2.79", "10.42.2.77", "10.42.2.81", "10.42.2.80"];
const pods = (over: Record<number, Partial<PodState> & { ip?: string | null }> = {}) =>
  IPS.map((ip, i) =>
    fixturePod(`ds-redis-redis-cluster-${i}`, over[i]?.ip === undefined ? ip : over[i].ip!, over[i]),
  );

const HEALTHY = `${ID.r3} 10.42.2.77:6379@16379 slave ${ID.m2} 0 1710043738000 3 connected
${ID.r5} 10.42.2.80:6379@16379 slave ${ID.m1} 0 1710043738717 2 connected
${ID.m1} 10.42.2.78:6379@16379 master - 0 1710043737000 2 connected 5461-10922
${ID.m0} 10.42.2.76:6379@16379 master - 0 1710043739722 1 connected 0-5460
${ID.m2} 10.42.2.79:6379@16379 master - 0 1710043737000 3 connected 10923-16383
${ID.r4} 10.42.2.81:6379@16379 slave ${ID.m0} 0 1710043739000 1 connected`;

const PFAIL = HEALTHY.replace(
  `${ID.m2} 10.42.2.79:6379@16379 master -`,
  `${ID.m2} 10.42.2.79:6379@16379 master,fail? -`,
);

const AFTER_FAILOVER = `${ID.r3} 10.42.2.77:6379@16379 master - 0 1710045164241 7 connected 10923-16383
${ID.r5} 10.42.2.80:6379@16379 slave ${ID.m1} 0 1710045163000 2 connected
${ID.m1} 10.42.2.78:6379@16379 master - 0 1710045161000 2 connected 5461-10922
${ID.m0} 10.42.2.76:6379@16379 master - 0 1710045162228 1 connected 0-5460
${ID.m2} 10.42.2.79:6379@16379 master,fail - 1710044090847 1710044085792 3 connected
${ID.r4} 10.42.2.81:6379@16379 slave ${ID.m0} 0 1710045163233 1 connected`;

/** Every pod's view of one text, read `dt` ms after T0 (the read clock moves with every poll). */
function topo(
  text: string,
  dt = 0,
  ps = pods(),
  extra: (views: NodeView[]) => NodeView[] = (v) => v,
): Topology {
  const views = fixtureViews(ps, text).map((v) => ({ ...v, at: T0 + dt }));
  return buildTopology(ps, extra(views));
}

const healthy = topo(HEALTHY);
const pfail = topo(PFAIL, 250);
// cluster-2 is gone: its pod has no IP, the others still see it.
const gone = topo(AFTER_FAILOVER, 3000, pods({ 2: { ip: null, phase: "Pending", ready: false } }));
// It came back empty at a new IP: the lesson's disagreement, a lone view beside five that list a ghost.
const back = topo(AFTER_FAILOVER, 3500, pods({ 2: { ip: "10.42.2.82" } }), (views) =>
  views
    .filter((v) => v.pod !== "ds-redis-redis-cluster-2")
    .concat(fixtureLoneView("ds-redis-redis-cluster-2", "10.42.2.82", ID.fresh)),
);
// cluster-4 is frozen: its view says since when it has been silent.
const silent = topo(HEALTHY, 500, pods(), (views) =>
  views.map((v) =>
    v.pod === "ds-redis-redis-cluster-4"
      ? {
          ...v,
          reachable: false,
          error: "no answer",
          silentSince: T0,
          entries: [],
          myId: null,
          clusterState: null,
        }
      : v,
  ),
);
const empty: Topology = { nodes: [], clusterState: "unknown", views: [] };
const wire = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe("topologyChange / applyTopologyChange", () => {
  const cases: [string, Topology, Topology][] = [
    ["first publication", empty, healthy],
    ["healthy -> pfail", healthy, pfail],
    ["pfail -> master gone, replica promoted", pfail, gone],
    ["gone -> back empty at a new IP", gone, back],
    ["back -> healthy again", back, healthy],
    ["healthy -> a pod silent", healthy, silent],
    ["silent -> answering again (an optional field goes)", silent, healthy],
    ["lab switch to nothing", healthy, empty],
  ];

  it.each(cases)("round trip through JSON: %s", (_, a, b) => {
    const d = wire(topologyChange(a, b));
    expect(applyTopologyChange(wire(a), d)).toEqual(b);
  });

  it("a sequence of deltas rebuilds every published topology from the first", () => {
    const seq = [empty, healthy, pfail, gone, back, silent, healthy];
    let held = seq[0];
    for (let i = 1; i < seq.length; i++) {
      held = applyTopologyChange(held, wire(topologyChange(seq[i - 1], seq[i])));
      expect(held).toEqual(seq[i]);
    }
  });

  it("sends a fraction of the topology when a failover moves a few flags and clocks", () => {
    const full = JSON.stringify(pfail).length;
    const sent = JSON.stringify(topologyChange(healthy, pfail)).length;
    expect(sent).toBeLessThan(full / 3);
    // A read that only moved clocks changes no node, only the views' read times.
    const later = topo(HEALTHY, 750);
    const d = topologyChange(healthy, later);
    expect(d.nodes).toBeUndefined();
    expect(d.views?.patch?.every((p) => Object.keys(p.set ?? {}).join() === "at" && !p.entries)).toBe(true);
  });

  it("keeps the identity of what did not change, so a panel of it need not redraw", () => {
    const next = applyTopologyChange(healthy, topologyChange(healthy, silent));
    const kept = next.views.find((v) => v.pod === "ds-redis-redis-cluster-0");
    // Only the read clock moved on cluster-0: its entries are the very same array.
    expect(kept?.entries).toBe(healthy.views.find((v) => v.pod === "ds-redis-redis-cluster-0")?.entries);
  });

  it("a moved order is sent and applied", () => {
    const reversed: Topology = { ...healthy, views: [...healthy.views].reverse() };
    const d = topologyChange(healthy, reversed);
    expect(d.views?.order).toEqual(reversed.views.map((v) => v.pod));
    expect(applyTopologyChange(healthy, wire(d))).toEqual(reversed);
  });

  it("falls back to the whole topology when two items share a key", () => {
    const twice: Topology = { ...healthy, views: [healthy.views[0], healthy.views[0]] };
    const d = topologyChange(healthy, twice);
    expect(d.full).toEqual(twice);
    expect(applyTopologyChange(healthy, d)).toEqual(twice);
  });

  it("an unchanged topology is an empty change", () => {
    expect(topologyChange(healthy, healthy)).toEqual({});
  });
});
