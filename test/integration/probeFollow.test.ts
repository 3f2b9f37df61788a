import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keySlot } from "@/lib/slots";
import { Probes } from "@/server/observe/probes";
import { Store } from "@/server/store";
import { NODE_TIMEOUT_MS, startFormedLab, type TestLab, waitFor } from "./harness";
import { topologyOf } from "@/lib/labs/cluster/state";
import type { LabState } from "@/lib/labs/labState";

const PROMOTION_BUDGET_MS = 6 * NODE_TIMEOUT_MS + 10_000;
/** A period no failover fits in: whatever this probe's cluster client learns in time, a change told it. */
const NEVER_MS = 120_000;

describe("the cluster-client probe lane follows a promotion the poller published", () => {
  let lab: TestLab;

  beforeAll(async () => {
    lab = await startFormedLab("127.43.45");
  });
  afterAll(async () => {
    await lab?.close();
  });

  it("sends reads of a to the promoted master once the topology shows it, with no read failing in between to tell it", async () => {
    // Its own store, fed the lab's topology: no timer reads and no periodic slots refresh, so only the published
    // change can move its slot table (before, it learned at its next 2 s refresh or from a failing read's retry).
    const store = new Store(lab.store.lab);
    store.setLabState(lab.store.labState);
    const forward = (s: LabState) => store.setLabState(s);
    lab.store.on("labState", forward);
    const platform = lab.server.engine.platform;
    const probes = new Probes(platform, store, ["a"], NEVER_MS, ["cluster"], NEVER_MS);
    probes.start();
    try {
      probes.tick();
      await waitFor("a first read of a", () => store.latestSamples().some((s) => s.outcome === "ok"), 10_000);
      const victim = lab.masterOf(keySlot("a"))!;
      const replica = topologyOf(lab.store.labState).nodes.find((n) => n.masterId === victim.id)!;
      expect(probes.clusterTarget("a")).toBe(`${victim.ip}:${victim.port}`);

      expect((await lab.deleteRequest(victim.pod!)).status).toBe(202);
      await waitFor(
        "the promotion published",
        () => topologyOf(lab.store.labState).nodes.some((n) => n.id === replica.id && n.role === "master"),
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
      lab.store.off("labState", forward);
    }
  }, 120_000);
});
