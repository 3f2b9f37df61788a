import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyLogMessage, parseRedisLogLine } from "@/lib/redisLog";
import type { RepairPlan } from "@/lib/repairPlan";
import { STALE_VIEW_MS } from "@/lib/repairPlan";
import { keySlot } from "@/lib/slots";
import { type LabEvent, sourceOf } from "@/lib/events";
import type { Topology } from "@/lib/types";
import { TOPOLOGY_PERIOD_MS } from "@/server/labs/cluster";
import { NODE_TIMEOUT_MS, pidOf, startLab, TEST_TOKEN, type TestLab, waitFor } from "./harness";
import { topologyOf } from "@/lib/labs/cluster/state";

// Redis marks a silent master FAIL after the node timeout plus a round of gossip, and its replica wins the
// election within about a second after that (DESIGN §3): these bound what the dashboard must have seen by then.
const FAIL_BY_MS = 3 * NODE_TIMEOUT_MS + 2000;
const PROMOTED_BY_MS = FAIL_BY_MS + 2 * NODE_TIMEOUT_MS;
/**
 * How far behind Redis's own log the dashboard may see a FAIL or a promotion. The poller reads every view at
 * once when Redis logs such a line or a probe lane turns, and every period (250 ms) otherwise; the rest is room for
 * a loaded machine. Waiting on a frozen node (a connect with a password to
 * it takes over 2 s) is far outside it.
 */
const SEEN_LAG_MS = 1000;
const auth = { authorization: `Bearer ${TEST_TOKEN}` };

describe("observing the cluster: fresh views on a quiet cluster, heavy reads, a frozen master", () => {
  let lab: TestLab;
  const published: { at: number; topology: Topology }[] = [];

  beforeAll(async () => {
    lab = await startLab("127.43.12");
    lab.store.on("labState", (s) => published.push({ at: Date.now(), topology: topologyOf(s) }));
    await waitFor("all pods ready", () => lab.store.pods.every((p) => p.ready), 15_000);
  });
  afterAll(async () => {
    await lab?.close();
  });

  const poller = () => lab.server.engine.running.repair!.poller;
  const pods = () => lab.store.pods.length;
  const plan = async (): Promise<RepairPlan> => (await lab.fetch("/api/repair/plan")).json();

  it(
    "a quiet cluster stays healthy for the planner past the staleness threshold, without re-sending the topology",
    async () => {
      await waitFor("a healthy plan", async () => (await plan()).healthy, 10_000, 250);
      // A just-formed cluster still settles (epochs, bus links) after it first looks healthy: quiet starts after.
      await waitFor(
        "two seconds without a publication",
        () => Date.now() - (published.at(-1)?.at ?? 0) > 2000,
        20_000,
        100,
      ).catch(() => {}); // a machine that never settles is still held to the bounds below
      const before = published.length;
      const quietUntil = Date.now() + STALE_VIEW_MS + 2000;
      while (Date.now() < quietUntil) {
        // Every view the planner uses was read within the last period plus a loaded machine's lag, although
        // nothing was published.
        const now = Date.now();
        const oldest = Math.min(
          ...poller()
            .latest()
            .views.map((v) => v.at),
        );
        expect(now - oldest).toBeLessThan(TOPOLOGY_PERIOD_MS + SEEN_LAG_MS);
        await new Promise((r) => setTimeout(r, 1000));
      }
      // Not re-sent on every read (640 of them per pod). A loaded machine may stall a pod past the silence
      // threshold, or Redis may flag a peer pfail and reconnect its bus link: those are real, shown changes, and
      // each costs two publications. What must stay rare is anything else.
      const changes = published
        .slice(before)
        .map((p, i) => whatChanged(published[before + i - 1]?.topology ?? null, p.topology));
      const unexplained = changes.filter((c) => !c.every(isStall));
      expect(unexplained.length, `re-published without a stall: ${JSON.stringify(changes)}`).toBeLessThan(10);
      expect(changes.length, `re-published: ${JSON.stringify(changes)}`).toBeLessThan(
        (pods() * (STALE_VIEW_MS + 2000)) / TOPOLOGY_PERIOD_MS / 20,
      );
      const p = await plan();
      expect(p.healthy, JSON.stringify(p.summary)).toBe(true);
      expect(p.refused).toEqual([]);
      const res = await lab.fetch("/api/repair", {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: "{}",
      });
      expect(res.status).toBe(409);
      expect((await res.json()).code).toBe("healthy");
    },
    STALE_VIEW_MS + 50_000,
  );

  it("concurrent plan and evidence requests never publish an empty or unknown topology", async () => {
    const from = published.length;
    const pods = lab.store.pods.map((p) => p.name);
    const plans = await Promise.all([
      ...Array.from({ length: 300 }, () => Promise.resolve(lab.server.engine.planRepair())),
      ...Array.from({ length: 60 }, (_, i) => lab.server.engine.evidence({ pod: pods[i % pods.length] })),
      ...Array.from({ length: 60 }, () => lab.fetch("/api/repair/plan").then((r) => r.status)),
    ]);
    await poller().fresh();
    const bad = published.slice(from).filter((p) => p.topology.nodes.length === 0);
    expect(bad).toEqual([]);
    expect(published.slice(from).every((p) => p.topology.clusterState === "ok")).toBe(true);
    for (const p of plans) {
      if (typeof p === "number") expect(p).toBe(200);
      else if ("healthy" in p) expect(p.healthy, JSON.stringify(p.summary)).toBe(true);
      else expect(p.error).toBeNull();
    }
    // One person is limited whatever connection they use: the HTTP reads above used part of the budget.
    const statuses = await Promise.all(
      Array.from({ length: 60 }, () => lab.fetch("/api/repair/plan").then((r) => r.status)),
    );
    expect(statuses).toContain(429);
  });

  it("a frozen master: the others keep updating, it is shown silent at once, FAIL and promotion seen as Redis makes them", async () => {
    const victim = lab.masterOf(keySlot("a"))!;
    const replica = topologyOf(lab.store.labState).nodes.find((n) => n.masterId === victim.id)!;
    const pid = pidOf(lab, victim.pod!);
    const period = 50;
    const eventsFrom = lab.store.snapshot().events.length;
    let maxOtherAge = 0;
    let slowestPlanMs = 0;
    let silentAt: number | null = null;
    // How late this process's timers ran until the silence was seen: the poller's steady tick and its silence
    // timer run on the same event loop, so a loaded machine delays them by as much.
    let maxLateMs = 0;

    const stoppedAt = Date.now();
    let lastTick = stoppedAt;
    process.kill(pid, "SIGSTOP");
    try {
      const watch = setInterval(() => {
        const now = Date.now();
        if (silentAt === null) maxLateMs = Math.max(maxLateMs, now - lastTick - period);
        lastTick = now;
        const views = poller().latest().views;
        const mine = views.find((v) => v.pod === victim.pod);
        if (silentAt === null && mine?.silentSince !== undefined) silentAt = now;
        for (const v of views) if (v.pod !== victim.pod) maxOtherAge = Math.max(maxOtherAge, now - v.at);
      }, period);
      try {
        await waitFor(
          "the replica promoted",
          async () => {
            const t = Date.now();
            await lab.fetch("/api/repair/plan", { headers: auth });
            slowestPlanMs = Math.max(slowestPlanMs, Date.now() - t);
            return topologyOf(lab.store.labState).nodes.find(
              (n) => n.id === replica.id && n.role === "master",
            );
          },
          PROMOTED_BY_MS + 10_000,
          200,
        );
      } finally {
        clearInterval(watch);
      }
    } finally {
      process.kill(pid, "SIGCONT");
    }

    // Redis's own lines arrive through the log tail, which may trail the poller by a flush or a loaded moment.
    await waitFor(
      "Redis's election line in the log",
      () =>
        lab.store.snapshot().logs.some((l) => l.pod === replica.pod && /Failover election won/.test(l.line)),
      PROMOTED_BY_MS,
    );
    const events = lab.store.snapshot().events.slice(eventsFrom);
    const first = (pred: (e: LabEvent) => boolean) => events.find(pred);
    const seenFail = first((e) => e.kind === "node-fail" && e.params.nodeId === victim.id);
    const logged = lab.store
      .snapshot()
      .logs.map((l) => ({ pod: l.pod, parsed: parseRedisLogLine(l.line) }))
      .filter((l) => l.parsed && l.parsed.t >= stoppedAt)
      .map((l) => ({ pod: l.pod, t: l.parsed!.t, ...classifyLogMessage(l.parsed!.message) }));
    const loggedFail = logged.find((l) => l.kind === "node-fail" && l.nodeId === victim.id);
    const seenPromoted = first((e) => e.kind === "replica-promoted" && e.params.nodeId === replica.id);
    const loggedPromoted = logged.find(
      (l) => l.kind === "replica-promoted" && l.highlight && l.pod === replica.pod,
    );

    expect(silentAt, "the frozen pod's view is marked silent").not.toBeNull();
    // The next steady read goes out within a period, its silence timer fires silentAfterMs later, and this watch
    // sees it within its own period; each of the two timers may run as late as the watch did.
    const silentBy = TOPOLOGY_PERIOD_MS + poller().silentAfterMs + period + 2 * maxLateMs;
    expect(
      silentAt! - stoppedAt,
      `seen silent by ${silentBy} ms (timers up to ${maxLateMs} ms late)`,
    ).toBeLessThan(silentBy);
    expect(maxOtherAge, "the other five views keep arriving").toBeLessThan(SEEN_LAG_MS);
    expect(slowestPlanMs, "a plan does not wait for the frozen pod").toBeLessThan(SEEN_LAG_MS);

    expect(seenFail, "FAIL seen").toBeTruthy();
    expect(seenFail!.t - stoppedAt).toBeLessThan(FAIL_BY_MS);
    expect(loggedFail, "Redis logged the FAIL").toBeTruthy();
    expect(Math.abs(seenFail!.t - loggedFail!.t)).toBeLessThan(SEEN_LAG_MS);
    expect(seenPromoted, "promotion seen").toBeTruthy();
    expect(seenPromoted!.t - stoppedAt).toBeLessThan(PROMOTED_BY_MS);
    expect(loggedPromoted, "Redis logged the election").toBeTruthy();
    expect(Math.abs(seenPromoted!.t - loggedPromoted!.t)).toBeLessThan(SEEN_LAG_MS);
    // Nothing the observer says contradicts what Redis did before it: no PFAIL of the master after its replica won.
    const observed = events.filter((e) => sourceOf(e) === "observer");
    const afterPromotion = observed.slice(observed.indexOf(seenPromoted!));
    expect(afterPromotion.filter((e) => e.kind === "node-pfail" && e.params.nodeId === victim.id)).toEqual(
      [],
    );
    for (let i = 1; i < observed.length; i++) expect(observed[i].t).toBeGreaterThanOrEqual(observed[i - 1].t);

    // Thawed, the old master answers again and is no longer shown silent.
    await waitFor(
      "the thawed pod answering again",
      () => {
        const v = poller()
          .latest()
          .views.find((x) => x.pod === victim.pod);
        return v?.reachable && v.silentSince === undefined;
      },
      4 * NODE_TIMEOUT_MS,
    );
  });
});

/** Names what differs between two published topologies, for a failure message that says why it was re-sent. */
function whatChanged(a: Topology | null, b: Topology): string[] {
  if (!a) return ["first"];
  const out: string[] = [];
  if (a.clusterState !== b.clusterState) out.push(`state ${a.clusterState}->${b.clusterState}`);
  if (JSON.stringify(a.nodes) !== JSON.stringify(b.nodes)) out.push("nodes");
  for (const v of b.views) {
    const w = a.views.find((x) => x.pod === v.pod);
    if (!w) {
      out.push(`${v.pod} new`);
      continue;
    }
    for (const f of [
      "reachable",
      "error",
      "silentSince",
      "clusterState",
      "knownNodes",
      "currentEpoch",
    ] as const)
      if (w[f] !== v[f]) out.push(`${v.pod}.${f} ${String(w[f])}->${String(v[f])}`);
    for (const e of v.entries) {
      const d = w.entries.find((x) => x.id === e.id);
      if (!d) out.push(`${v.pod} sees new ${e.id.slice(0, 8)}`);
      else
        for (const f of ["ip", "flags", "role", "masterId", "configEpoch", "linkState", "slots"] as const)
          if (JSON.stringify(d[f]) !== JSON.stringify(e[f]))
            out.push(`${v.pod}:${e.id.slice(0, 8)}.${f} ${JSON.stringify(d[f])}->${JSON.stringify(e[f])}`);
    }
  }
  return out.length ? out : ["?"];
}

/** A change a slow or stalled pod makes: silence and its end, or Redis's own pfail and bus reconnects. */
function isStall(change: string): boolean {
  return /\.(reachable|error|silentSince|linkState) /.test(change) || /\.flags .*pfail/.test(change);
}
