import { describe, expect, it } from "vitest";
import { clusterInfoLines, clusterNodesLines } from "./evidenceLines";

// The restarted pod's CLUSTER INFO, from the seed (3.2 (5)).
const LONE_INFO = `cluster_state:fail\r
cluster_slots_assigned:0\r
cluster_slots_ok:0\r
cluster_known_nodes:1\r
cluster_size:0\r
`;

describe("clusterInfoLines", () => {
  it("marks cluster_state:fail and cluster_known_nodes:1 of a node that knows only itself", () => {
    const out = clusterInfoLines(LONE_INFO);
    expect(out.map((l) => l.text)).toEqual([
      "cluster_state:fail",
      "cluster_slots_assigned:0",
      "cluster_slots_ok:0",
      "cluster_known_nodes:1",
      "cluster_size:0",
    ]);
    expect(out[0]).toMatchObject({ tone: "bad", note: { code: "readinessNeedsOk" } });
    expect(out[3]).toMatchObject({ tone: "bad", note: { code: "knowsOnlyItself" } });
    expect(out[1].tone).toBe("plain");
  });

  it("marks a healthy node's lines good", () => {
    const out = clusterInfoLines("cluster_state:ok\ncluster_known_nodes:6");
    expect(out.map((l) => l.tone)).toEqual(["good", "good"]);
    expect(out[1].note).toEqual({ code: "knowsNodes", n: 6 });
  });

  it("returns nothing for empty text", () => {
    expect(clusterInfoLines("")).toEqual([]);
  });
});

describe("clusterNodesLines", () => {
  it("marks the node's own line, failed and suspected nodes", () => {
    const out = clusterNodesLines(
      [
        "11439c6c 10.42.2.82:6379@16379 myself,master - 0 0 0 connected",
        "e64f0b9d 10.42.2.79:6379@16379 master,fail - 1710044090847 1710044085792 3 connected",
        "d25d71a3 10.42.2.77:6379@16379 master,fail? - 0 1 7 connected 10923-16383",
        "3878969c 10.42.2.76:6379@16379 master - 0 1 1 connected 0-5460",
      ].join("\n"),
    );
    expect(out.map((l) => l.tone)).toEqual(["self", "bad", "warn", "plain"]);
    expect(out.map((l) => l.note?.code ?? null)).toEqual(["myself", "failed", "suspected", null]);
  });
});
