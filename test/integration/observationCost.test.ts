import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LabEvent } from "@/lib/events";
import { classifyLogMessage, parseRedisLogLine } from "@/lib/redisLog";
import { keySlot } from "@/lib/slots";
import { TopologyPoller } from "@/server/observe/topologyPoller";
import { connectNode, open } from "@/server/redis/connect";
import { Store } from "@/server/store";
import { NODE_TIMEOUT_MS, startFormedLab, type TestLab, waitFor } from "./harness";
import { topologyOf } from "@/lib/labs/cluster/state";

/** Long enough that a one-off refresh (the cluster client's slots, a readiness check) is a rate, not noise. */
const QUIET_WINDOW_MS = 10_000;
/** The commands only the topology poller sends; everything else is probes, readiness and this test. */
const POLLER_COMMANDS = ["cluster|nodes", "cluster|info", "dbsize"];
/**
 * The poller's steady budget per node: a read of `CLUSTER NODES` four times a second and `CLUSTER INFO` + `DBSIZE`
 * about once a second. The old 50 ms poll sent 60 a second.
 */
const POLLER_BUDGET_PER_S = 10;
/** A steady period no failover fits in: whatever this poller sees in time, a signal made it read. */
const NEVER_MS = 60_000;
/** As in observation.test.ts: how far behind Redis's own log the dashboard may see a FAIL or a promotion. */
const SEEN_LAG_MS = 1000;
const PROMOTION_BUDGET_MS = 6 * NODE_TIMEOUT_MS + 10_000;

describe("what observing the cluster costs Redis, and what keeps a slow poll fast", () => {
  let lab: TestLab;

  beforeAll(async () => {
    lab = await startFormedLab("127.43.33");
  });
  afterAll(async () => {
    await lab?.close();
  });

  it("prints commands per second per node over a quiet window, and the poller's stay within budget", async () => {
    const before = await commandStats(lab);
    await new Promise((r) => setTimeout(r, QUIET_WINDOW_MS));
    const after = await commandStats(lab);

    const rows: Record<string, Record<string, number>> = {};
    const pollerRates: Record<string, number> = {};
    for (const [pod, counts] of Object.entries(after)) {
      const rates: Record<string, number> = {};
      for (const [cmd, calls] of Object.entries(counts)) {
        const d = calls - (before[pod]?.[cmd] ?? 0);
        if (d > 0) rates[cmd] = round((d * 1000) / QUIET_WINDOW_MS);
      }
      rates.total = round(Object.values(rates).reduce((a, b) => a + b, 0));
      rows[pod] = rates;
      pollerRates[pod] = round(POLLER_COMMANDS.reduce((a, c) => a + (rates[c] ?? 0), 0));
    }
    console.log(`commands per second per node over ${QUIET_WINDOW_MS / 1000} s of a quiet cluster:`);
    for (const pod of Object.keys(rows).sort()) {
      const cmds = Object.entries(rows[pod]).map(([c, r]) => `${c}=${r}`);
      console.log(`  ${pod}: poller=${pollerRates[pod]} ${cmds.join(" ")}`);
    }

    expect(Object.keys(rows)).toHaveLength(6);
    for (const [pod, rate] of Object.entries(pollerRates)) {
      expect(rate, `${pod}: the poller still reads it`).toBeGreaterThan(1);
      expect(rate, `${pod}: ${JSON.stringify(rows[pod])}`).toBeLessThan(POLLER_BUDGET_PER_S);
    }
  }, 60_000);

  it("a poller whose steady period never comes reads at once when asked, and sees FAIL and promotion as Redis logs them", async () => {
    // Its own store: the lab's log cues and probe samples are its signals, its events are its own.
    const store = new Store(lab.store.lab);
    const forwardCues = (pod: string) => store.cue(pod);
    const forwardProbes = (s: Parameters<Store["addSamples"]>[0]) => store.addSamples(s);
    lab.store.on("cue", forwardCues);
    lab.store.on("probes", forwardProbes);
    const slow = new TopologyPoller(lab.server.engine.platform, store, NEVER_MS);
    const events: LabEvent[] = [];
    store.on("events", (es) => events.push(...es));
    slow.start();
    try {
      await slow.fresh();
      const asked = Date.now();
      const t = await slow.fresh();
      expect(Date.now() - asked, "fresh() reads now, not at the next period").toBeLessThan(SEEN_LAG_MS);
      expect(t.views.every((v) => v.at >= asked)).toBe(true);

      const victim = lab.masterOf(keySlot("a"))!;
      const replica = topologyOf(lab.store.labState).nodes.find((n) => n.masterId === victim.id)!;
      const deletedAt = Date.now();
      expect((await lab.deleteRequest(victim.pod!)).status).toBe(202);
      const promoted = await waitFor(
        "the slow poller to see the promotion",
        () => events.find((e) => e.kind === "replica-promoted" && e.params.nodeId === replica.id),
        PROMOTION_BUDGET_MS,
      );
      const fail = events.find((e) => e.kind === "node-fail" && e.params.nodeId === victim.id);
      const logged = await waitFor(
        "Redis's FAIL and election lines in the log",
        () => {
          const lines = lab.store
            .snapshot()
            .logs.map((l) => ({ pod: l.pod, parsed: parseRedisLogLine(l.line) }))
            .filter((l) => l.parsed && l.parsed.t >= deletedAt)
            .map((l) => ({ pod: l.pod, t: l.parsed!.t, ...classifyLogMessage(l.parsed!.message) }));
          const f = lines.find((l) => l.kind === "node-fail" && l.nodeId === victim.id);
          const p = lines.find((l) => l.kind === "replica-promoted" && l.highlight && l.pod === replica.pod);
          return f && p && { fail: f, promoted: p };
        },
        PROMOTION_BUDGET_MS,
      );
      expect(fail, "FAIL seen").toBeTruthy();
      expect(Math.abs(fail!.t - logged.fail.t)).toBeLessThan(SEEN_LAG_MS);
      expect(Math.abs(promoted.t - logged.promoted.t)).toBeLessThan(SEEN_LAG_MS);
    } finally {
      slow.stop();
      lab.store.off("cue", forwardCues);
      lab.store.off("probes", forwardProbes);
    }
  }, 120_000);
});

/** `INFO commandstats` of every pod: calls per command, as Redis counts them. */
async function commandStats(lab: TestLab): Promise<Record<string, Record<string, number>>> {
  const platform = lab.server.engine.platform;
  const out: Record<string, Record<string, number>> = {};
  await Promise.all(
    platform.pods().map(async (p) => {
      const r = connectNode(platform.resolve(p.ip!, 6379), platform.password, { commandTimeout: 2000 });
      r.on("error", () => {});
      try {
        await open(r);
        const text = (await r.info("commandstats")) as string;
        const counts: Record<string, number> = {};
        for (const m of text.matchAll(/^cmdstat_(\S+?):calls=(\d+)/gm)) counts[m[1]] = Number(m[2]);
        out[p.name] = counts;
      } finally {
        r.disconnect();
      }
    }),
  );
  return out;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
