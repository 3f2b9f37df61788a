import { describe, expect, it } from "vitest";
import { translator } from "./i18n/catalogue";
import { planText } from "./i18n/planText";
import { PLAN_CODES, type PlanNote } from "./planNotes";
import { planFingerprint, planRepair, STALE_VIEW_MS, type RepairInput, type RepairStep } from "./repairPlan";
import { fixtureEntries, fixtureLoneView, fixturePod, fixtureView, fixtureViews, T0 } from "./testFixtures";
import type { NodeView, PodState } from "./types";

const P = (n: number) => `ds-redis-redis-cluster-${n}`;

const ID = {
  n0: "3878969c8652eaf2c095ea9342470083b6eb4186", // -0, master 0-5460
  n1: "596caffb0fcf230cbbb3804214863a55c7c4421c", // -1, master 5461-10922
  old2: "e64f0b9d8ca9b97ebe0ef4982542bd592cd5ee07", // -2 before the delete, master 10923-16383
  new2: "11439c6cb119c655887813742cb13eb8be4d3ab0", // -2 after restarting without nodes.conf
  n3: "d25d71a3282e47d3d12c4c7d92d3bddc712a148c", // -3, replica of -2, promoted
  old4: "5c8303528d249a50ee5299c3a425eb1c73318f17", // -4, replica of -0
  new4: "aaaa000000000000000000000000000000000004",
  n5: "846d10b42b6b9e212fd0d4abf0ae9b778ad85876", // -5, replica of -1
};

// The seed's first `cluster nodes`, before any delete.
const BEFORE = `
d25d71a3282e47d3d12c4c7d92d3bddc712a148c 10.42.2.77:6379@16379 slave e64f0b9d8ca9b97ebe0ef4982542bd592cd5ee07 0 1710043738000 3 connected
846d10b42b6b9e212fd0d4abf0ae9b778ad85876 10.42.2.80:6379@16379 slave 596caffb0fcf230cbbb3804214863a55c7c4421c 0 1710043738717 2 connected
596caffb0fcf230cbbb3804214863a55c7c4421c 10.42.2.78:6379@16379 myself,master - 0 1710043737000 2 connected 5461-10922
3878969c8652eaf2c095ea9342470083b6eb4186 10.42.2.76:6379@16379 master - 0 1710043739722 1 connected 0-5460
e64f0b9d8ca9b97ebe0ef4982542bd592cd5ee07 10.42.2.79:6379@16379 master 0 1710043737000 3 connected 10923-16383
5c8303528d249a50ee5299c3a425eb1c73318f17 10.42.2.81:6379@16379 slave 3878969c8652eaf2c095ea9342470083b6eb4186 0 1710043739000 1 connected
`.replace("master 0 1710043737000", "master - 0 1710043737000");

// The seed's `cluster nodes` on 10.42.2.78 after the failover: the old id lingers as master,fail.
const AFTER_FAILOVER = `
d25d71a3282e47d3d12c4c7d92d3bddc712a148c 10.42.2.77:6379@16379 master - 0 1710045164241 7 connected 10923-16383
846d10b42b6b9e212fd0d4abf0ae9b778ad85876 10.42.2.80:6379@16379 slave 596caffb0fcf230cbbb3804214863a55c7c4421c 0 1710045163000 2 connected
596caffb0fcf230cbbb3804214863a55c7c4421c 10.42.2.78:6379@16379 myself,master - 0 1710045161000 2 connected 5461-10922
3878969c8652eaf2c095ea9342470083b6eb4186 10.42.2.76:6379@16379 master - 0 1710045162228 1 connected 0-5460
e64f0b9d8ca9b97ebe0ef4982542bd592cd5ee07 10.42.2.79:6379@16379 master,fail - 1710044090847 1710044085792 3 connected
5c8303528d249a50ee5299c3a425eb1c73318f17 10.42.2.81:6379@16379 slave 3878969c8652eaf2c095ea9342470083b6eb4186 0 1710045163233 1 connected
`;

// The seed's `cluster nodes` after the manual repair: 3 masters, 3 replicas.
const REPAIRED = `
11439c6cb119c655887813742cb13eb8be4d3ab0 10.42.2.82:6379@16379 slave d25d71a3282e47d3d12c4c7d92d3bddc712a148c 0 1710048319462 7 connected
3878969c8652eaf2c095ea9342470083b6eb4186 10.42.2.76:6379@16379 master - 0 1710048320467 1 connected 0-5460
596caffb0fcf230cbbb3804214863a55c7c4421c 10.42.2.78:6379@16379 master - 0 1710048318450 2 connected 5461-10922
d25d71a3282e47d3d12c4c7d92d3bddc712a148c 10.42.2.77:6379@16379 myself,master - 0 1710048319000 7 connected 10923-16383
5c8303528d249a50ee5299c3a425eb1c73318f17 10.42.2.81:6379@16379 slave 3878969c8652eaf2c095ea9342470083b6eb4186 0 1710048317435 1 connected
846d10b42b6b9e212fd0d4abf0ae9b778ad85876 10.42.2.80:6379@16379 slave 596caffb0fcf230cbbb3804214863a55c7c4421c 0 1710048318000 2 connected
`;

const IPS: Record<number, string> = {
  0: "10.42.2.76",
  1: "10.42.2.78",
  2: "10.42.2.79",
  3: "10.42.2.77",
  4: "10.42.2.81",
  5: "10.42.2.80",
};

function seedPods(over: Record<number, Partial<PodState> & { ip?: string | null }> = {}): PodState[] {
  return [0, 1, 2, 3, 4, 5].map((n) => {
    const o = over[n] ?? {};
    return fixturePod(P(n), o.ip === undefined ? IPS[n] : o.ip, o);
  });
}

/** Views of every Running pod from one shared text, except the pods given their own view. */
function viewsOf(pods: PodState[], text: string, own: Record<string, NodeView> = {}): NodeView[] {
  const shared = fixtureViews(
    pods.filter((p) => !own[p.name]),
    text,
  );
  return [...shared, ...Object.values(own)];
}

const EN = translator("en");
const KO = translator("ko");

/**
 * The plan with every note said in English, so the assertions read as the seed does. Every note is also said
 * in Korean on the way: a code without a message, or a param a message lacks, fails here.
 */
function spoken<T>(value: T): T {
  if (Array.isArray(value)) return value.map(spoken) as T;
  if (typeof value !== "object" || value === null) return value;
  const o = value as Record<string, unknown>;
  if (typeof o.code === "string" && o.code in PLAN_CODES && typeof o.params === "object") {
    const n = value as unknown as PlanNote;
    for (const t of [EN, KO]) {
      const text = planText(t, n);
      expect(text, n.code).not.toMatch(/[{}]|plan\./);
    }
    return planText(EN, n) as T;
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, spoken(v)])) as T;
}

type Spoken = ReturnType<typeof spokenPlan>;
const spokenPlan = (p: ReturnType<typeof planRepair>) =>
  spoken(p) as unknown as Omit<
    ReturnType<typeof planRepair>,
    "summary" | "steps" | "refused" | "alternative"
  > & {
    summary: string;
    steps: (RepairStep & { reason: string })[];
    refused: { reason: string; nodeId?: string; pod?: string }[];
    alternative: { reason: string; commands: string[] } | null;
  };
const plan = (i: Omit<RepairInput, "now"> & { now?: number }): Spoken =>
  spokenPlan(planRepair({ now: T0, ...i }));
const kinds = (steps: RepairStep[]) => steps.map((s) => s.kind);
const forgetCmd = (ip: string, id: string) => `redis-cli -h ${ip} -a $REDIS_PASSWORD cluster forget ${id}`;

/** The seed's situation after deleting -2: -3 promoted, -2 back at 10.42.2.82 as 11439c6c, alone. */
function seedAfterFailover() {
  const pods = seedPods({ 2: { ip: "10.42.2.82", ready: false, readyReason: "cluster_state:fail" } });
  const lone = fixtureLoneView(P(2), "10.42.2.82", ID.new2);
  const views = viewsOf(pods, AFTER_FAILOVER, { [P(2)]: lone });
  return { pods, views };
}

describe("planRepair: the seed's case", () => {
  const { pods, views } = seedAfterFailover();
  const p = plan({ pods, views });

  it("forgets the old id on the five others, meets 10.42.2.82, and makes it a replica of d25d71a3", () => {
    expect(p.healthy).toBe(false);
    expect(p.refused).toEqual([]);
    expect(kinds(p.steps)).toEqual(["forget", "meet", "replicate"]);
    const [forget, meet, replicate] = p.steps;
    expect(forget).toMatchObject({
      kind: "forget",
      nodeId: ID.old2,
      onPods: [P(0), P(1), P(3), P(4), P(5)],
    });
    expect(forget.commands).toEqual([
      forgetCmd("10.42.2.76", ID.old2),
      forgetCmd("10.42.2.78", ID.old2),
      forgetCmd("10.42.2.77", ID.old2),
      forgetCmd("10.42.2.81", ID.old2),
      forgetCmd("10.42.2.80", ID.old2),
    ]);
    expect(forget.reason).toMatch(/60 s/);
    expect(forget.reason).toMatch(/in parallel/);
    expect(meet).toEqual({
      kind: "meet",
      pod: P(2),
      ip: "10.42.2.82",
      port: 6379,
      viaPod: P(0),
      reason: expect.stringContaining(
        "ds-redis-redis-cluster-2 restarted without nodes.conf as 11439c6c: it knows only itself, so its readiness probe sees cluster_state:fail",
      ),
      commands: ["redis-cli -h 10.42.2.76 -a $REDIS_PASSWORD cluster meet 10.42.2.82 6379"],
    });
    expect(replicate).toMatchObject({
      kind: "replicate",
      pod: P(2),
      nodeId: ID.new2,
      masterId: ID.n3,
      masterPod: P(3),
      commands: [`redis-cli -h 10.42.2.82 -a $REDIS_PASSWORD cluster replicate ${ID.n3}`],
    });
    expect(replicate.reason).toMatch(/10923-16383/);
  });

  it("offers the add-node way, after the same forgets", () => {
    expect(p.alternative).not.toBeNull();
    expect(p.alternative!.commands).toEqual([
      ...p.steps[0].commands,
      `redis-cli -a $REDIS_PASSWORD --cluster add-node 10.42.2.82:6379 10.42.2.76:6379 --cluster-slave --cluster-master-id ${ID.n3}`,
    ]);
    expect(p.alternative!.reason).toMatch(/empty/);
    expect(p.alternative!.reason).toMatch(/NOT already met/);
  });

  it("never prints a password", () => {
    const all = JSON.stringify(p);
    expect(all).not.toMatch(/new1234/);
    for (const c of [...p.steps.flatMap((s) => s.commands), ...p.alternative!.commands]) {
      expect(c).toContain("-a $REDIS_PASSWORD");
    }
  });

  it("summarises what it found and what it will do", () => {
    expect(p.summary).toContain("e64f0b9d is a ghost (master,fail)");
    expect(p.summary).toContain("ds-redis-redis-cluster-2 knows only itself");
    expect(p.summary).toContain("d25d71a3 (ds-redis-redis-cluster-3) serves 10923-16383 with no replica");
    expect(p.summary).toContain("forget e64f0b9d on 5 nodes (within 60 s)");
  });

  it("is deterministic whatever the input order", () => {
    const again = plan({ pods: [...pods].reverse(), views: [...views].reverse() });
    expect(again).toEqual(p);
  });

  it("after FORGET and MEET, plans only the REPLICATE", () => {
    const pods2 = pods;
    const afterMeet = AFTER_FAILOVER.replace(/^e64f.*$/m, "").concat(
      `\n${ID.new2} 10.42.2.82:6379@16379 master - 0 1710047887469 0 connected\n`,
    );
    const q = plan({ pods: pods2, views: viewsOf(pods2, afterMeet) });
    expect(kinds(q.steps)).toEqual(["replicate"]);
    expect(q.steps[0]).toMatchObject({ pod: P(2), nodeId: ID.new2, masterId: ID.n3 });
    // add-node only takes a node that was not met yet.
    expect(q.alternative).toBeNull();
  });

  it("after the repair, the cluster is healthy", () => {
    const podsOk = seedPods({ 2: { ip: "10.42.2.82" } });
    const q = plan({ pods: podsOk, views: viewsOf(podsOk, REPAIRED) });
    expect(q).toMatchObject({
      healthy: true,
      steps: [],
      refused: [],
      alternative: null,
      summary: "The cluster is healthy: 3 masters, each with a replica; nothing to repair.",
    });
  });
});

describe("planRepair: other topologies", () => {
  it("a healthy cluster needs nothing", () => {
    const pods = seedPods();
    const p = plan({ pods, views: viewsOf(pods, BEFORE), keyCounts: { [P(0)]: 1, [P(1)]: 1 } });
    expect(p.healthy).toBe(true);
    expect(p.steps).toEqual([]);
    expect(p.summary).toBe("The cluster is healthy: 3 masters, each with a replica; nothing to repair.");
  });

  it("a deleted replica: forget its old id, meet the new pod, replicate to the master it served", () => {
    const text = BEFORE.replace(
      `${ID.old4} 10.42.2.81:6379@16379 slave`,
      `${ID.old4} 10.42.2.81:6379@16379 slave,fail`,
    );
    const pods = seedPods({ 4: { ip: "10.42.2.83", ready: false } });
    const views = viewsOf(pods, text, { [P(4)]: fixtureLoneView(P(4), "10.42.2.83", ID.new4) });
    const p = plan({ pods, views });
    expect(p.refused).toEqual([]);
    expect(kinds(p.steps)).toEqual(["forget", "meet", "replicate"]);
    expect(p.steps[0]).toMatchObject({ nodeId: ID.old4, onPods: [P(0), P(1), P(2), P(3), P(5)] });
    expect(p.steps[1]).toMatchObject({ pod: P(4), ip: "10.42.2.83", viaPod: P(0) });
    expect(p.steps[2]).toMatchObject({ pod: P(4), nodeId: ID.new4, masterId: ID.n0, masterPod: P(0) });
  });

  it("two pods deleted at once: two ghosts, two orphans, two masters without replicas, paired deterministically", () => {
    // -2 (master) and -4 (replica of -0) deleted; -3 took over -2's slots.
    const text = AFTER_FAILOVER.replace(
      `${ID.old4} 10.42.2.81:6379@16379 slave`,
      `${ID.old4} 10.42.2.81:6379@16379 slave,fail`,
    );
    const pods = seedPods({ 2: { ip: "10.42.2.82", ready: false }, 4: { ip: "10.42.2.83", ready: false } });
    const views = viewsOf(pods, text, {
      [P(2)]: fixtureLoneView(P(2), "10.42.2.82", ID.new2),
      [P(4)]: fixtureLoneView(P(4), "10.42.2.83", ID.new4),
    });
    const p = plan({ pods, views });
    expect(p.refused).toEqual([]);
    expect(kinds(p.steps)).toEqual(["forget", "forget", "meet", "meet", "replicate", "replicate"]);
    const forgets = p.steps.filter((s) => s.kind === "forget");
    expect(forgets.map((f) => f.nodeId)).toEqual([ID.old4, ID.old2].sort());
    for (const f of forgets) expect(f.onPods).toEqual([P(0), P(1), P(3), P(5)]);
    const reps = p.steps.filter((s) => s.kind === "replicate");
    // Orphans in pod order, masters by lowest slot: -2 -> -0 (0-5460), -4 -> -3 (10923-16383).
    expect(reps.map((r) => [r.pod, r.masterPod])).toEqual([
      [P(2), P(0)],
      [P(4), P(3)],
    ]);
    expect(p.alternative!.commands.filter((c) => c.includes("add-node"))).toHaveLength(2);
    const shuffled = plan({ pods: [...pods].reverse(), views: [views[5], ...views.slice(0, 5)] });
    expect(shuffled.steps).toEqual(p.steps);
  });

  it("a pod deleted during the repair: forgets the failed ghosts, plans nothing for the Pending pod", () => {
    // -2 had been met and replicated as 11439c6c, then was deleted again before the FORGET of e64f0b9d.
    const text = `${AFTER_FAILOVER}\n${ID.new2} 10.42.2.82:6379@16379 slave,fail ${ID.n3} 1 1 7 disconnected\n`;
    const pods = seedPods({ 2: { ip: null, phase: "Pending", ready: false } });
    const p = plan({ pods, views: viewsOf(pods, text) });
    expect(kinds(p.steps)).toEqual(["forget", "forget"]);
    expect(p.steps.map((s) => (s.kind === "forget" ? s.nodeId : ""))).toEqual([ID.new2, ID.old2]);
    expect(p.steps.every((s) => s.kind === "forget" && s.onPods.length === 5)).toBe(true);
    expect(p.refused).toEqual([{ pod: P(2), reason: expect.stringContaining("Pending") }]);
    expect(p.alternative).toBeNull();
    expect(p.healthy).toBe(false);
  });

  it("an orphan whose pod stops answering gets no MEET or REPLICATE", () => {
    const { pods, views } = seedAfterFailover();
    const broken = views.map((v) =>
      v.pod === P(2) ? { ...v, reachable: false, myId: null, error: "connect ECONNREFUSED" } : v,
    );
    const p = plan({ pods, views: broken });
    expect(kinds(p.steps)).toEqual(["forget"]);
    expect(p.refused).toEqual([{ pod: P(2), reason: expect.stringContaining("ECONNREFUSED") }]);
  });

  it("a node that rejoined by itself (persistence on: same id, new IP, already a replica) is healthy", () => {
    const text = REPAIRED.replace(`${ID.new2} 10.42.2.82`, `${ID.old2} 10.42.2.82`);
    const pods = seedPods({ 2: { ip: "10.42.2.82" } });
    const p = plan({ pods, views: viewsOf(pods, text) });
    expect(p.healthy).toBe(true);
    expect(p.steps).toEqual([]);
  });

  it("an empty master already in the cluster is made a replica without a MEET", () => {
    const text = `${REPAIRED.replace(/^11439c.*$/m, "")}\n${ID.new2} 10.42.2.82:6379@16379 master - 0 0 0 connected`;
    const pods = seedPods({ 2: { ip: "10.42.2.82" } });
    const p = plan({ pods, views: viewsOf(pods, text) });
    expect(kinds(p.steps)).toEqual(["replicate"]);
    expect(p.steps[0]).toMatchObject({ pod: P(2), masterId: ID.n3 });
  });

  it("when every master has a replica, an extra empty node follows the master with the fewest", () => {
    const pods = [...seedPods({ 2: { ip: "10.42.2.82" } }), fixturePod(P(6), "10.42.2.90")];
    const views = viewsOf(pods, REPAIRED, {
      [P(6)]: fixtureLoneView(P(6), "10.42.2.90", "bbbb000000000000000000000000000000000006"),
    });
    const p = plan({ pods, views });
    expect(kinds(p.steps)).toEqual(["meet", "replicate"]);
    expect(p.steps[1]).toMatchObject({ pod: P(6), masterId: ID.n0 });
    expect(p.steps[1].reason).toMatch(/fewest replicas/);
  });

  it("prefers a ready pod that sees cluster_state:ok to MEET through", () => {
    const { views } = seedAfterFailover();
    const pods = seedPods({ 0: { ready: false }, 2: { ip: "10.42.2.82", ready: false } });
    const p = plan({ pods, views });
    expect(p.steps.find((s) => s.kind === "meet")).toMatchObject({ viaPod: P(1) });
  });
});

describe("planRepair: refusals", () => {
  it("never forgets an id a live pod owns, even if the others still flag it fail", () => {
    // -2 came back with its nodes.conf at a new IP; the others have not updated its address yet.
    const pods = seedPods({ 2: { ip: "10.42.2.82" } });
    const own = fixtureView(
      P(2),
      "10.42.2.82",
      fixtureEntries(REPAIRED.replace(`${ID.new2} 10.42.2.82`, `${ID.old2} 10.42.2.82`)),
    );
    const p = plan({ pods, views: viewsOf(pods, AFTER_FAILOVER, { [P(2)]: own }) });
    expect(p.steps.filter((s) => s.kind === "forget")).toEqual([]);
    expect(p.refused).toEqual([{ nodeId: ID.old2, pod: P(2), reason: expect.stringContaining("owns it") }]);
    expect(p.healthy).toBe(false);
  });

  it("never forgets an id that is not failed by majority, and waits for the failover before choosing masters", () => {
    // Seconds after the delete: some nodes suspect -2 (fail?), none has FAIL yet; -3 is still its replica.
    const text = BEFORE.replace(
      `${ID.old2} 10.42.2.79:6379@16379 master -`,
      `${ID.old2} 10.42.2.79:6379@16379 master,fail? -`,
    );
    const pods = seedPods({ 2: { ip: "10.42.2.82", ready: false } });
    const views = viewsOf(pods, text, { [P(2)]: fixtureLoneView(P(2), "10.42.2.82", ID.new2) });
    const p = plan({ pods, views });
    expect(p.steps.filter((s) => s.kind === "forget")).toEqual([]);
    const notFailed = p.refused.find((r) => r.nodeId === ID.old2)!;
    expect(notFailed.reason).toMatch(/not failed by majority/);
    expect(notFailed.reason).toMatch(/0 of 5/);
    expect(notFailed.reason).toMatch(/fail\?/);
    // Still holding 10923-16383, which no live master serves yet.
    expect(notFailed.reason).toMatch(/10923-16383/);
    expect(kinds(p.steps)).toEqual(["meet"]);
    expect(p.refused.find((r) => r.pod === P(2))!.reason).toMatch(/failover may be under way/);
  });

  it("never forgets a failed id that still holds slots no one else serves", () => {
    // -2 and its replica -3 both gone: 10923-16383 have no owner left.
    const text = BEFORE.replace(
      `${ID.old2} 10.42.2.79:6379@16379 master -`,
      `${ID.old2} 10.42.2.79:6379@16379 master,fail -`,
    ).replace(`${ID.n3} 10.42.2.77:6379@16379 slave`, `${ID.n3} 10.42.2.77:6379@16379 slave,fail`);
    const pods = seedPods({ 2: { ip: null, phase: "Pending" }, 3: { ip: null, phase: "Pending" } });
    const p = plan({ pods, views: viewsOf(pods, text) });
    expect(p.refused.find((r) => r.nodeId === ID.old2)!.reason).toMatch(
      /slots 10923-16383 have no master and no replica that can be promoted, and no empty running node/,
    );
    // The failed replica holds no slots, so it may go.
    expect(p.steps).toEqual([expect.objectContaining({ kind: "forget", nodeId: ID.n3 })]);
  });

  it("never forgets an id at the address of a live pod that cannot be read", () => {
    const text = AFTER_FAILOVER;
    const pods = seedPods({ 2: { ip: "10.42.2.79", ready: false } });
    const views = viewsOf(pods, text).map((v) =>
      v.pod === P(2) ? { ...v, reachable: false, myId: null, error: "LOADING" } : v,
    );
    const p = plan({ pods, views });
    expect(p.steps).toEqual([]);
    expect(p.refused.find((r) => r.nodeId === ID.old2)!.reason).toMatch(/may still be this node/);
  });

  it("never makes a node that serves slots a replica (nor meets it)", () => {
    const { pods, views } = seedAfterFailover();
    const withSlots = views.map((v) =>
      v.pod === P(2)
        ? { ...v, entries: v.entries.map((e) => ({ ...e, slots: [[10923, 16383]] as [number, number][] })) }
        : v,
    );
    const p = plan({ pods, views: withSlots });
    expect(kinds(p.steps)).toEqual(["forget"]);
    const reasons = p.refused.filter((r) => r.pod === P(2)).map((r) => r.reason);
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toMatch(/^Not meeting/);
    expect(reasons[1]).toMatch(/serves slots 10923-16383/);
  });

  it("never makes a node that holds keys a replica", () => {
    const { pods, views } = seedAfterFailover();
    const p = plan({ pods, views, keyCounts: { [P(2)]: 3, [P(3)]: 1200 } });
    expect(kinds(p.steps)).toEqual(["forget", "meet"]);
    expect(p.refused).toEqual([
      { pod: P(2), nodeId: ID.new2, reason: expect.stringContaining("holds 3 keys") },
    ]);
    expect(p.alternative).toBeNull();
  });

  it("cannot MEET anyone when no pod is in a cluster", () => {
    const pods = [0, 1, 2].map((n) => fixturePod(P(n), `10.42.3.${n}`));
    const views = pods.map((p, n) => fixtureLoneView(p.name, p.ip!, `${n}`.repeat(40)));
    const p = plan({ pods, views });
    expect(p.steps).toEqual([]);
    expect(p.refused).toHaveLength(3);
    expect(p.refused[0].reason).toMatch(/--cluster create/);
  });

  it("ignores stale views and views taken at a pod's old IP", () => {
    const { pods, views } = seedAfterFailover();
    const stale = views.map((v) => (v.pod === P(2) ? { ...v, at: T0 - STALE_VIEW_MS - 1000 } : v));
    const p = plan({ pods, views: stale });
    expect(kinds(p.steps)).toEqual(["forget"]);
    expect(p.refused[0].reason).toMatch(/31 s ago/);
    const moved = views.map((v) => (v.pod === P(2) ? { ...v, ip: "10.42.2.79" } : v));
    expect(plan({ pods, views: moved }).refused[0].reason).toMatch(/old IP 10.42.2.79/);
  });
});

describe("planRepair: a master and its replica both lost before the promotion", () => {
  // -2 (master of 10923-16383) deleted, its replica -3 killed 3.3 s later: both FAIL, nobody promoted.
  const BOTH_FAILED = BEFORE.replace(
    `${ID.old2} 10.42.2.79:6379@16379 master -`,
    `${ID.old2} 10.42.2.79:6379@16379 master,fail -`,
  ).replace(`${ID.n3} 10.42.2.77:6379@16379 slave`, `${ID.n3} 10.42.2.77:6379@16379 slave,fail`);
  const NEW3 = "cccc000000000000000000000000000000000003";

  it("both came back empty: names the lost slots, forgets both, and gives the slots to an empty master", () => {
    const pods = seedPods({
      2: { ip: "10.42.2.82", ready: false },
      3: { ip: "10.42.2.84", ready: false },
    });
    const views = viewsOf(pods, BOTH_FAILED, {
      [P(2)]: fixtureLoneView(P(2), "10.42.2.82", ID.new2),
      [P(3)]: fixtureLoneView(P(3), "10.42.2.84", NEW3),
    });
    const p = plan({ pods, views, keyCounts: { [P(2)]: 0, [P(3)]: 0 } });
    expect(p.summary).toContain(
      "slots 10923-16383 have no master and no replica that can be promoted: their master e64f0b9d failed and its replica was lost too",
    );
    expect(p.refused).toEqual([]);
    expect(kinds(p.steps)).toEqual(["forget", "forget", "meet", "meet", "addslots", "replicate"]);
    expect(p.steps.map((s) => ("nodeId" in s ? s.nodeId : s.pod))).toEqual([
      ID.n3,
      ID.old2,
      P(2),
      P(3),
      ID.new2,
      NEW3,
    ]);
    const add = p.steps[4];
    expect(add).toMatchObject({ kind: "addslots", pod: P(2), slots: [[10923, 16383]] });
    expect(add.commands).toEqual([
      "redis-cli -h 10.42.2.82 -a $REDIS_PASSWORD cluster addslotsrange 10923 16383",
    ]);
    expect(add.reason).toMatch(/The data of slots 10923-16383 is lost/);
    expect(p.steps[5]).toMatchObject({ kind: "replicate", pod: P(3), masterId: ID.new2, masterPod: P(2) });
    expect(p.steps[1].reason).toMatch(/unassigned until the ADDSLOTSRANGE/);
    // add-node --cluster-slave would need the new master to exist already.
    expect(p.alternative).toBeNull();
    expect(p.summary).toContain(
      "give the empty slots 10923-16383 to ds-redis-redis-cluster-2 (their data is lost)",
    );
  });

  it("the replica came back with its data: CLUSTER FAILOVER TAKEOVER on it, with the data-loss warning", () => {
    // -3 restarted with its nodes.conf at a new IP: still the replica of the failed -2, too stale to elect.
    const text = BOTH_FAILED.replace(
      `${ID.n3} 10.42.2.77:6379@16379 slave,fail`,
      `${ID.n3} 10.42.2.84:6379@16379 slave`,
    );
    const pods = seedPods({ 2: { ip: "10.42.2.82", ready: false }, 3: { ip: "10.42.2.84", ready: false } });
    const views = viewsOf(pods, text, { [P(2)]: fixtureLoneView(P(2), "10.42.2.82", ID.new2) });
    const p = plan({ pods, views });
    expect(p.summary).toContain(
      "slots 10923-16383 have no master and no replica that can be promoted: their master e64f0b9d failed and its replica is alive but will not run an election by itself",
    );
    expect(p.refused).toEqual([]);
    expect(kinds(p.steps)).toEqual(["takeover", "forget", "meet", "replicate"]);
    const [takeover, forget, , replicate] = p.steps;
    expect(takeover).toMatchObject({ kind: "takeover", pod: P(3), nodeId: ID.n3, masterId: ID.old2 });
    expect(takeover.commands).toEqual([
      "redis-cli -h 10.42.2.84 -a $REDIS_PASSWORD cluster failover takeover",
    ]);
    expect(takeover.reason).toMatch(
      /Data loss: every write its master acknowledged after this replica's last sync/,
    );
    // The lost id is forgotten only after the takeover, on every node that lists it, -3 included.
    expect(forget).toMatchObject({ nodeId: ID.old2, onPods: [P(0), P(1), P(3), P(4), P(5)] });
    expect(replicate).toMatchObject({ pod: P(2), masterId: ID.n3, masterPod: P(3) });
    expect(p.alternative).toBeNull();
  });

  it("refuses when the only empty node holds keys: nothing may take the slots", () => {
    const pods = seedPods({ 2: { ip: "10.42.2.82", ready: false }, 3: { ip: null, phase: "Pending" } });
    const views = viewsOf(pods, BOTH_FAILED, { [P(2)]: fixtureLoneView(P(2), "10.42.2.82", ID.new2) });
    const p = plan({ pods, views, keyCounts: { [P(2)]: 4 } });
    expect(p.steps.some((s) => s.kind === "addslots" || s.kind === "takeover")).toBe(false);
    expect(p.steps.some((s) => s.kind === "forget" && s.nodeId === ID.old2)).toBe(false);
    expect(p.refused.map((r) => r.reason)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Not forgetting e64f0b9d: slots 10923-16383 have no master/),
        expect.stringContaining("holds 4 keys"),
      ]),
    );
  });

  it("says it in Korean, with Redis's own words untouched", () => {
    const pods = seedPods({ 2: { ip: "10.42.2.82", ready: false }, 3: { ip: "10.42.2.84", ready: false } });
    const views = viewsOf(pods, BOTH_FAILED, {
      [P(2)]: fixtureLoneView(P(2), "10.42.2.82", ID.new2),
      [P(3)]: fixtureLoneView(P(3), "10.42.2.84", NEW3),
    });
    const raw = planRepair({ pods, views, now: T0 });
    const add = raw.steps.find((s) => s.kind === "addslots")!;
    expect(planText(KO, add.reason)).toContain("슬롯 10923-16383의 데이터는 사라졌습니다");
    expect(planText(KO, add.reason)).toContain("CLUSTER ADDSLOTSRANGE");
    expect(planText(KO, raw.summary)).toContain(
      "슬롯 10923-16383에는 마스터도, 승격할 수 있는 레플리카도 없습니다",
    );
  });
});

describe("planFingerprint", () => {
  const { pods, views } = seedAfterFailover();
  const base = planFingerprint({ pods, views, now: T0 });

  it("ignores order, ping/pong times and epochs", () => {
    const jiggled = views.map((v) => ({
      ...v,
      currentEpoch: v.currentEpoch + 1,
      entries: [...v.entries].reverse().map((e) => ({ ...e, pongRecv: e.pongRecv + 999, configEpoch: 42 })),
    }));
    expect(planFingerprint({ pods: [...pods].reverse(), views: jiggled, now: T0 + 1000 })).toBe(base);
    expect(planRepair({ pods, views, now: T0 }).fingerprint).toBe(base);
  });

  it("changes when a role, a fail flag, a master or an IP changes", () => {
    const variants: NodeView[][] = [
      views.map((v) =>
        v.pod === P(2) ? { ...v, entries: [{ ...v.entries[0], role: "replica", masterId: ID.n3 }] } : v,
      ),
      views.map((v) =>
        v.pod === P(0)
          ? { ...v, entries: v.entries.map((e) => ({ ...e, flags: e.flags.filter((f) => f !== "fail") })) }
          : v,
      ),
      views.map((v) =>
        v.pod === P(4)
          ? { ...v, entries: v.entries.map((e) => (e.id === ID.old4 ? { ...e, masterId: ID.n1 } : e)) }
          : v,
      ),
    ];
    const seen = new Set([base]);
    for (const vs of variants) seen.add(planFingerprint({ pods, views: vs, now: T0 }));
    seen.add(planFingerprint({ pods: seedPods({ 2: { ip: "10.42.2.99" } }), views, now: T0 }));
    seen.add(planFingerprint({ pods, views, now: T0, keyCounts: { [P(2)]: 1 } }));
    expect(seen.size).toBe(6);
  });
});
