import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keySlot } from "@/lib/slots";
import type { Topology } from "@/lib/types";
import { Probes } from "@/server/observe/probes";
import { Store } from "@/server/store";
import { NODE_TIMEOUT_MS, startLab, type TestLab, waitFor } from "./harness";

const PROMOTION_BUDGET_MS = 6 * NODE_TIMEOUT_MS + 10_000;
/** A period no failover fits in: whatever this probe's cluster client learns in time, a change told it. */
const NEVER_MS = 120_000;

describe("the cluster-client probe lane follows a promotion the poller published", () => {
  let lab: TestLab;

  beforeAll(async () => {
    lab = await startLab("127.43.45");
    await waitFor("all pods ready", () => lab.store.pods.every((p) => p.ready), 20_000);
    await waitFor("cluster_state:ok", () => lab.store.topology.clusterState === "ok", 20_000);
  });
  afterAll(async () => {
    await lab?.close();
  });

  it("sends reads of a to the promoted master once the topology shows it, with no read failing in between to tell it", async () => {
    // Its own store, fed the lab's topology: no timer reads and no periodic slots refresh, so only the published
    // change can move its slot table (before, it learned at its next 2 s refresh or from a failing read's retry).
    const store = new Store(lab.store.lab);
    store.setTopology(lab.store.topology);
    const forward = (t: Topology) => store.setTopology(t);
    lab.store.on("topology", forward);
    const platform = lab.server.engine.platform;
    const probes = new Probes(platform, store, ["a"], NEVER_MS, ["cluster"], NEVER_MS);
    probes.start();
    try {
      probes.tick();
      await waitFor("a first read of a", () => store.latestSamples().some((s) => s.outcome === "ok"), 10_000);
      const victim = lab.masterOf(keySlot("a"))!;
      const replica = lab.store.topology.nodes.find((n) => n.masterId === victim.id)!;
      expect(probes.clusterTarget("a")).toBe(`${victim.ip}:${victim.port}`);

      expect((await lab.deleteRequest(victim.pod!)).status).toBe(202);
      await waitFor(
        "the promotion published",
        () => lab.store.topology.nodes.some((n) => n.id === replica.id && n.role === "master"),
        PROMOTION_BUDGET_MS,
      );
      // Gossip may take a moment to reach the node the client asks; it asks again until one names the new master.
      await waitFor(
        "the cluster client to send reads of a to the promoted master",
        () => probes.clusterTarget("a") === `${replica.ip}:${replica.port}`,
        NODE_TIMEOUT_MS,
      );
      expect(store.samplesSince(0)).toHaveLength(1);
    } finally {
      probes.stop();
      lab.store.off("topology", forward);
    }
  }, 120_000);
});
