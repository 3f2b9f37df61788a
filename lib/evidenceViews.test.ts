import { describe, expect, it } from "vitest";
import { othersSay } from "./evidenceViews";
import { fixtureEntries, fixtureLoneView, fixturePod, fixtureView } from "./testFixtures";
import { buildTopology } from "./topology";

const ID = {
  m0: "3878969c8652eaf2c095ea9342470083b6eb4186",
  m1: "596caffb0fcf230cbbb3804214863a55c7c4421c",
  m2: "e64f0b9d8ca9b97ebe0ef4982542bd592cd5ee07",
  r3: "d25d71a3282e47d3d12c4c7d92d3bddc712a148c",
  r4: "5c8303528d249a50ee5299c3a425eb1c73318f17",
  r5: "846d10b42b6b9e212fd0d4abf0ae9b778ad85876",
  fresh: "11439c6cb119c655887813742cb13eb8be4d3ab0",
};

// The seed after the failover: cluster-2 came back at 10.42.2.82 as a new node that knows only itself.
const AFTER_FAILOVER = fixtureEntries(`
${ID.r3} 10.42.2.77:6379@16379 master - 0 1710045164241 7 connected 10923-16383
${ID.r5} 10.42.2.80:6379@16379 slave ${ID.m1} 0 1710045163000 2 connected
${ID.m1} 10.42.2.78:6379@16379 master - 0 1710045161000 2 connected 5461-10922
${ID.m0} 10.42.2.76:6379@16379 master - 0 1710045162228 1 connected 0-5460
${ID.m2} 10.42.2.79:6379@16379 master,fail - 1710044090847 1710044085792 3 connected
${ID.r4} 10.42.2.81:6379@16379 slave ${ID.m0} 0 1710045163233 1 connected`);

const MEMBERS: [string, string][] = [
  ["ds-redis-redis-cluster-0", "10.42.2.76"],
  ["ds-redis-redis-cluster-1", "10.42.2.78"],
  ["ds-redis-redis-cluster-3", "10.42.2.77"],
  ["ds-redis-redis-cluster-4", "10.42.2.81"],
  ["ds-redis-redis-cluster-5", "10.42.2.80"],
];
const RESTARTED = "ds-redis-redis-cluster-2";

function seedTopology() {
  const pods = [
    ...MEMBERS.map(([n, ip]) => fixturePod(n, ip)),
    fixturePod(RESTARTED, "10.42.2.82", { ready: false }),
  ];
  const views = [
    ...MEMBERS.map(([n, ip]) => fixtureView(n, ip, AFTER_FAILOVER)),
    fixtureLoneView(RESTARTED, "10.42.2.82", ID.fresh),
  ];
  return buildTopology(pods, views);
}

describe("othersSay", () => {
  it("puts the old id first: a ghost the others flag master,fail and the restarted pod does not know", () => {
    const out = othersSay(RESTARTED, seedTopology());
    expect(out.selfId).toBe(ID.fresh);
    expect(out.pods).toHaveLength(6);
    const [ghost] = out.rows;
    expect(ghost).toMatchObject({ nodeId: ID.m2, ghost: true, self: false, owner: null, disagree: true });
    expect(ghost.addr).toBe("10.42.2.79:6379");
    expect(ghost.byPod["ds-redis-redis-cluster-0"]).toBe("master,fail");
    expect(ghost.byPod[RESTARTED]).toBe("unknown");
    expect(ghost.odd).toEqual([RESTARTED]);
  });

  it("shows the pod's new id as unknown to every other pod", () => {
    const out = othersSay(RESTARTED, seedTopology());
    const self = out.rows.find((r) => r.self)!;
    expect(self).toMatchObject({ nodeId: ID.fresh, owner: RESTARTED, ghost: false, disagree: true });
    expect(self.byPod["ds-redis-redis-cluster-3"]).toBe("unknown");
    expect(self.odd).toEqual([RESTARTED]);
  });

  it("lists each id once, ghosts first, and keeps the other disagreements", () => {
    const out = othersSay(RESTARTED, seedTopology());
    const ids = out.rows.map((r) => r.nodeId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 2)).toEqual([ID.m2, ID.fresh]);
    // The restarted pod knows none of the five members: each of them is a disagreement too.
    expect(ids).toEqual(expect.arrayContaining([ID.m0, ID.m1, ID.r3, ID.r4, ID.r5]));
  });

  it("has nothing to show for a healthy cluster", () => {
    const all = fixtureEntries(`
${ID.m0} 10.42.2.76:6379@16379 master - 0 1 1 connected 0-16383
${ID.r4} 10.42.2.81:6379@16379 slave ${ID.m0} 0 1 1 connected`);
    const topology = buildTopology(
      [fixturePod("c-0", "10.42.2.76"), fixturePod("c-4", "10.42.2.81")],
      [fixtureView("c-0", "10.42.2.76", all), fixtureView("c-4", "10.42.2.81", all)],
    );
    const out = othersSay("c-4", topology);
    expect(out.rows).toHaveLength(1);
    expect(out.rows[0]).toMatchObject({ nodeId: ID.r4, self: true, disagree: false, odd: [] });
    expect(out.rows[0].byPod["c-0"]).toBe(`slave ${ID.m0.slice(0, 8)}`);
  });

  it("copes with a pod that has no readable view", () => {
    const out = othersSay("nope", seedTopology());
    expect(out.selfId).toBeNull();
    expect(out.rows[0].nodeId).toBe(ID.m2);
  });
});
