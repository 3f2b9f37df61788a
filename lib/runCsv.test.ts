import { describe, expect, it } from "vitest";
import { runToCsv } from "./runCsv";
import type { RunSummary } from "./types";

const run: RunSummary = {
  id: "run-1",
  pod: "ds-redis-redis-cluster-2",
  nodeId: "e64f0b9d8ca9b97ebe0ef4982542bd592cd5ee07",
  role: "master",
  mode: "graceful",
  actor: "Kim, instructor",
  startedAt: Date.UTC(2024, 2, 10, 4, 14, 46),
  endedAt: null,
  status: "recovered",
  failAfterMs: 19750,
  promotedAfterMs: 20800,
  clusterOkAfterMs: 20800,
  podReadyAfterMs: null,
  promotedNodeId: "d25d71a3282e47d3d12c4c7d92d3bddc712a148c",
  outcome: "failover",
  returnedAfterMs: 6100,
  returnedNodeId: "11439c6cb119c655887813742cb13eb8be4d3ab0",
  keys: ["a", "b"],
  lanes: [
    {
      key: "a",
      lane: "cluster",
      downtimeMs: 20400.4,
      failedReads: 102,
      totalReads: 150,
      firstFailureAt: 1,
      recoveredAt: 2,
    },
    {
      key: "b",
      lane: "cluster",
      downtimeMs: 0,
      failedReads: 0,
      totalReads: 150,
      firstFailureAt: null,
      recoveredAt: null,
    },
  ],
};

describe("runToCsv", () => {
  it("writes one row per key and lane with the run's timings", () => {
    const lines = runToCsv(run).trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0].split(",")).toContain("downtime_ms");
    expect(lines[1]).toContain(",a,cluster,20400,102,150");
    expect(lines[2]).toContain(",b,cluster,0,0,150");
    expect(lines[1]).toContain(
      "2024-03-10T04:14:46.000Z,recovered,19750,20800,20800,,failover,6100,11439c6c",
    );
  });

  it("quotes cells with commas", () => {
    expect(runToCsv(run)).toContain('"Kim, instructor"');
  });
});
