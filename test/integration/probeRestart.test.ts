import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keySlot } from "@/lib/slots";
import type { ProbeSample } from "@/lib/types";
import { PROBE_READ_TIMEOUT_MS, Probes } from "@/server/observe/probes";
import { Store } from "@/server/store";
import { NODE_TIMEOUT_MS, pidOf, startFormedLab, type TestLab, waitFor } from "./harness";
import { topologyOf } from "@/lib/labs/cluster/state";
import type { LabState } from "@/lib/labs/labState";

const PROMOTION_BUDGET_MS = 6 * NODE_TIMEOUT_MS + 10_000;
const INTERVAL_MS = 100;
/** No periodic slots refresh: only the published promotion may tell the client. */
const NEVER_MS = 120_000;
/**
 * From the promotion's publication to the first ok read of `a` published. The master is frozen (SIGSTOP), as a
 * hung master is: it accepts and never answers, so a read the client already sent it waits for its command
 * timeout, and so does a slots refresh that asks it. Samples publish in the order their reads started, so before,
 * the read started in the last probe interval before the publication held every later ok sample back until it
 * timed out, at least PROBE_READ_TIMEOUT_MS - INTERVAL_MS after the publication. Now the reads still waiting
 * start over at the published master: one connection, AUTH and GET, far inside that.
 */
const BOUND_MS = PROBE_READ_TIMEOUT_MS - 2 * INTERVAL_MS;

describe("the cluster-client probe lane after a promotion", () => {
  let lab: TestLab;

  beforeAll(async () => {
    lab = await startFormedLab("127.43.46");
  });
  afterAll(async () => {
    await lab?.close();
  });

  it("publishes an ok read of a soon after the promotion of a hung master's replica, not once the reads sent to the hung one time out", async () => {
    const store = new Store(lab.store.lab);
    store.setLabState(lab.store.labState);
    const victim = lab.masterOf(keySlot("a"))!;
    const replica = topologyOf(lab.store.labState).nodes.find((n) => n.masterId === victim.id)!;
    let promotedAt: number | null = null;
    const forward = (s: LabState) => {
      const t = topologyOf(s);
      if (promotedAt === null && t.nodes.some((n) => n.id === replica.id && n.role === "master"))
        promotedAt = performance.now();
      store.setLabState(s);
    };
    lab.store.on("labState", forward);
    const published: { at: number; samples: ProbeSample[] }[] = [];
    store.on("probes", (samples) => published.push({ at: performance.now(), samples }));
    let frozen: number | null = null;
    const probes = new Probes(lab.server.engine.platform, store, ["a"], INTERVAL_MS, ["cluster"], NEVER_MS);
    probes.start();
    try {
      await waitFor(
        "a first ok read of a",
        () => published.some((p) => p.samples[0].outcome === "ok"),
        10_000,
      );
      frozen = pidOf(lab, victim.pod!);
      process.kill(frozen, "SIGSTOP");
      const deletedAt = published.length;
      await waitFor("the promotion published", () => promotedAt !== null, PROMOTION_BUDGET_MS);
      // The lane turning ok again: the first ok sample after the outage's first failed one, when it came out.
      const turnedOk = () => {
        let failed = false;
        for (const p of published.slice(deletedAt))
          for (const s of p.samples) {
            if (s.outcome === "error") failed = true;
            else if (failed) return { at: p.at, sample: s };
          }
        return null;
      };
      await waitFor(
        "reads of a ok again",
        () => turnedOk() !== null,
        NODE_TIMEOUT_MS + PROBE_READ_TIMEOUT_MS,
      );
      const { at, sample } = turnedOk()!;
      expect(sample.value).not.toBeNull();
      expect(at - promotedAt!).toBeLessThan(BOUND_MS);
    } finally {
      if (frozen) process.kill(frozen, "SIGCONT");
      probes.stop();
      lab.store.off("labState", forward);
    }
  }, 120_000);

  it("publishes each read when it answers: reads waiting on a frozen master do not hold back later reads that answered", async () => {
    await waitFor(
      "cluster_state:ok with no node failing",
      () => {
        const t = topologyOf(lab.store.labState);
        return t.clusterState === "ok" && t.nodes.every((n) => !n.flags.includes("fail"));
      },
      PROMOTION_BUDGET_MS,
    );
    const victim = lab.masterOf(keySlot("a"))!;
    // A key served by another master: its fresh reads answer, except the ones that start at the frozen pod.
    const other = ["b", "c", "d", "e", "f"].find((k) => lab.masterOf(keySlot(k))!.id !== victim.id)!;
    const store = new Store(lab.store.lab);
    store.setLabState(lab.store.labState);
    const published: ProbeSample[][] = [];
    store.on("probes", (samples) => published.push(samples));
    const probes = new Probes(lab.server.engine.platform, store, ["a", other], INTERVAL_MS, ["fresh"]);
    probes.start();
    let frozen: number | null = null;
    // An ok read published before a read that started earlier and was still waiting: what publishing in the
    // order the reads started (a tick's reads together, ticks in turn) can never do.
    const overtaken = () => {
      let newestOk = -Infinity;
      for (const batch of published) {
        if (batch.some((s) => s.outcome === "error" && s.t < newestOk)) return true;
        for (const s of batch) if (s.outcome === "ok") newestOk = Math.max(newestOk, s.t);
      }
      return false;
    };
    try {
      await waitFor(
        "ok reads of both keys",
        () => ["a", other].every((k) => published.flat().some((s) => s.key === k && s.outcome === "ok")),
        10_000,
      );
      frozen = pidOf(lab, victim.pod!);
      process.kill(frozen, "SIGSTOP");
      const frozenAt = published.length;
      // Reads of `a` wait for their timeout from the freeze on; the other key's reads answer meanwhile.
      await waitFor("an ok read published ahead of an older one", overtaken, 3 * PROBE_READ_TIMEOUT_MS);
      expect(
        published
          .slice(frozenAt)
          .flat()
          .some((s) => s.key === other && s.outcome === "ok"),
      ).toBe(true);
      const kept = store.samplesSince(0).map((s) => s.t);
      expect(kept).toEqual([...kept].sort((x, y) => x - y));
    } finally {
      if (frozen) process.kill(frozen, "SIGCONT");
      probes.stop();
    }
  }, 120_000);
});
