import { describe, expect, it } from "vitest";
import { decideReadiness } from "./readiness";

const restartedInfo = [
  "cluster_state:fail",
  "cluster_slots_assigned:0",
  "cluster_known_nodes:1",
  "cluster_size:0",
].join("\r\n");

describe("decideReadiness (bitnami ping_readiness_local.sh)", () => {
  it("keeps the seed's restarted empty master not ready with cluster_state:fail", () => {
    const r = decideReadiness({ ping: "PONG", clusterInfo: restartedInfo, passedOnce: false });
    expect(r).toEqual({
      ready: false,
      reason: "cluster_state:fail (cluster_known_nodes:1)",
      passedOnce: false,
    });
  });

  it("passes once cluster_state is ok and remembers it", () => {
    const r = decideReadiness({ ping: "PONG", clusterInfo: "cluster_state:ok\r\n", passedOnce: false });
    expect(r).toEqual({ ready: true, reason: null, passedOnce: true });
  });

  it("only checks PING after the first pass, like the status file", () => {
    const r = decideReadiness({ ping: "PONG", clusterInfo: restartedInfo, passedOnce: true });
    expect(r.ready).toBe(true);
  });

  it("fails on anything but PONG, with what PING answered", () => {
    expect(decideReadiness({ ping: "Timed out", clusterInfo: null, passedOnce: true })).toEqual({
      ready: false,
      reason: "Timed out",
      passedOnce: true,
    });
  });
});
