import { describe, expect, it } from "vitest";
import { nodeColorIndexes } from "./nodeColors";
import type { NodeSummary } from "./types";

function node(id: string, over: Partial<NodeSummary> = {}): NodeSummary {
  return {
    id,
    ip: "127.42.2.1",
    port: 6379,
    role: "master",
    masterId: null,
    flags: [],
    slots: [],
    configEpoch: 0,
    pod: `pod-${id}`,
    ...over,
  };
}

// Seed 3.2: three shards 0-5460, 5461-10922, 10923-16383, each with one replica.
const healthy = [
  node("m2", { slots: [[10923, 16383]] }),
  node("m0", { slots: [[0, 5460]] }),
  node("m1", { slots: [[5461, 10922]] }),
  node("r0", { role: "replica", masterId: "m0" }),
  node("r1", { role: "replica", masterId: "m1" }),
  node("r2", { role: "replica", masterId: "m2" }),
];

describe("nodeColorIndexes", () => {
  it("ranks shards by the lowest slot they serve, and gives a replica its master's colour", () => {
    const c = nodeColorIndexes(healthy, 6);
    expect([c.get("m0"), c.get("m1"), c.get("m2")]).toEqual([0, 1, 2]);
    expect([c.get("r0"), c.get("r1"), c.get("r2")]).toEqual([0, 1, 2]);
  });

  it("does not depend on the order the nodes were seen in", () => {
    expect(nodeColorIndexes([...healthy].reverse(), 6)).toEqual(nodeColorIndexes(healthy, 6));
  });

  // Issue 7 item 8: a page that stayed open through failover + repair and a page opened afterwards must
  // agree. The colour of a range follows the range, whichever node serves it now.
  it("keeps the range's colour across a failover and repair, as a freshly opened page computes it", () => {
    const before = nodeColorIndexes(healthy, 6);
    const afterRepair = [
      node("m0", { slots: [[0, 5460]] }),
      node("r1", { slots: [[5461, 10922]] }),
      node("m2", { slots: [[10923, 16383]] }),
      node("r0", { role: "replica", masterId: "m0" }),
      node("new1", { role: "replica", masterId: "r1" }),
      node("r2", { role: "replica", masterId: "m2" }),
    ];
    const after = nodeColorIndexes(afterRepair, 6);
    expect(after.get("r1")).toBe(before.get("m1"));
    expect(after.get("new1")).toBe(before.get("m1"));
    expect(after.get("m0")).toBe(before.get("m0"));
    expect(after.get("m2")).toBe(before.get("m2"));
  });

  it("colours nodes outside every slot-serving shard neutral (null): the empty restarted pod, a ghost", () => {
    const mid = [
      ...healthy.filter((n) => n.id !== "m1" && n.id !== "r1"),
      node("r1", { slots: [[5461, 10922]] }),
      node("m1", { flags: ["fail"], pod: null }),
      node("empty", { pod: "pod-1" }),
      node("lost", { role: "replica", masterId: "nobody" }),
    ];
    const c = nodeColorIndexes(mid, 6);
    expect(c.get("r1")).toBe(1);
    expect(c.get("m1")).toBeNull();
    expect(c.get("empty")).toBeNull();
    expect(c.get("lost")).toBeNull();
  });

  it("gives a failed master still listed with its slots the same colour as the replica that takes them over", () => {
    const split = [node("old", { slots: [[0, 5460]], flags: ["fail"] }), node("new", { slots: [[0, 5460]] })];
    const c = nodeColorIndexes(split, 6);
    expect(c.get("old")).toBe(c.get("new"));
  });

  it("wraps around a palette smaller than the number of shards", () => {
    const c = nodeColorIndexes(healthy, 2);
    expect(c.get("m2")).toBe(0);
  });
});
