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
});
