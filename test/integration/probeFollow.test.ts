import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keySlot } from "@/lib/slots";
import { Probes } from "@/server/observe/probes";
import { pipelinedGet } from "@/server/redis/pipelinedRead";
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

  it("reads with AUTH and GET in one write, and fails as a client library does (MOVED, WRONGPASS, refused)", async () => {
    const platform = lab.server.engine.platform;
    const owner = lab.masterOf(keySlot("a"))!;
    const other = topologyOf(lab.store.labState).nodes.find((n) => n.role === "master" && n.id !== owner.id)!;
    const at = (n: { ip: string; port: number }) => platform.resolve(n.ip, n.port);
    const value = await pipelinedGet(at(owner), platform.password, "a", 2000);
    expect(value).not.toBeNull();
    expect(await pipelinedGet(at(owner), platform.password, "a-key-nobody-wrote{a}", 2000)).toBeNull();
    await expect(pipelinedGet(at(other), platform.password, "a", 2000)).rejects.toThrow(
      new RegExp(`^MOVED ${keySlot("a")} ${owner.ip}:${owner.port}$`),
    );
    await expect(pipelinedGet(at(owner), "not-the-password", "a", 2000)).rejects.toThrow(/^WRONGPASS/);
    // A port nothing listens on: the socket's own error, as redis-cli's "Could not connect" is made from it.
    await expect(
      pipelinedGet({ host: at(owner).host, port: 1 }, platform.password, "a", 2000),
    ).rejects.toThrow(/ECONNREFUSED/);
    let closed = 0;
    await pipelinedGet(at(owner), platform.password, "a", 2000, () => closed++);
    await waitFor("the connection closed", () => closed === 1, 2000);
  }, 30_000);
});
