import { describe, expect, it } from "vitest";
import { comparePodNames } from "./podOrder";

describe("comparePodNames", () => {
  it("orders numbered pods by their number, as kubectl lists them", () => {
    const names = ["ds-redis-redis-cluster-10", "ds-redis-redis-cluster-2", "ds-redis-redis-cluster-0"];
    expect([...names].sort(comparePodNames)).toEqual([
      "ds-redis-redis-cluster-0",
      "ds-redis-redis-cluster-2",
      "ds-redis-redis-cluster-10",
    ]);
  });

  it("orders the replication lab's master before its replicas", () => {
    expect(["r-redis-replicas-1", "r-redis-master-0", "r-redis-replicas-0"].sort(comparePodNames)).toEqual([
      "r-redis-master-0",
      "r-redis-replicas-0",
      "r-redis-replicas-1",
    ]);
  });
});
