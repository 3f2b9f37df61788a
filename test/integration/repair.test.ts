import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RepairRun } from "@/lib/protocol";
import type { RepairPlan } from "@/lib/repairPlan";
import { keySlot } from "@/lib/slots";
import { NODE_TIMEOUT_MS, startLab, TEST_TOKEN, type TestLab, waitFor } from "./harness";
import { topologyOf } from "@/lib/labs/cluster/state";

const FAILOVER_BUDGET_MS = 6 * NODE_TIMEOUT_MS + 10_000;
const auth = { authorization: `Bearer ${TEST_TOKEN}`, "content-type": "application/json" };

describe("the restarted pod, its 0/1, and the repair back to 3+3", () => {
  let lab: TestLab;

  beforeAll(async () => {
    lab = await startLab("127.43.5");
  });
  afterAll(async () => {
    await lab?.close();
  });

  async function plan(): Promise<RepairPlan> {
    return (await lab.fetch("/api/repair/plan")).json();
  }

  async function repairAndVerify(): Promise<RepairRun> {
    const res = await lab.fetch("/api/repair", { method: "POST", headers: auth, body: "{}" });
    expect(res.status).toBe(202);
    const done = await waitFor(
      "the repair to finish",
      () => lab.store.repair?.status !== "running" && lab.store.repair,
      60_000,
    );
    expect(done.status, JSON.stringify(done.outcome)).toBe("done");
    expect(done.steps.every((s) => s.status === "ok")).toBe(true);
    expect(lab.store.pods.every((p) => p.ready)).toBe(true);
    const live = topologyOf(lab.store.labState).nodes.filter((n) => n.pod);
    const masters = live.filter((n) => n.role === "master");
    expect(masters).toHaveLength(3);
    for (const m of masters) expect(live.filter((n) => n.masterId === m.id)).toHaveLength(1);
    expect((await plan()).healthy).toBe(true);
    return done;
  }

  async function waitAllReadable(): Promise<void> {
    await waitFor(
      "a, b and c readable on both lanes",
      () => {
        const latest = lab.store.latestSamples();
        return latest.length === 6 && latest.every((s) => s.outcome === "ok");
      },
      15_000,
    );
  }

  async function deleteAndWaitRecreated(pod: string): Promise<void> {
    const oldIp = lab.store.pods.find((p) => p.name === pod)!.ip;
    expect((await lab.deleteRequest(pod)).status).toBe(202);
    await waitFor(
      `${pod} recreated with a new IP`,
      () => {
        const p = lab.store.pods.find((x) => x.name === pod);
        return p?.phase === "Running" && p.ip !== oldIp && !lab.store.busy;
      },
      15_000,
    );
  }

  it("a healthy cluster has an empty plan", async () => {
    const p = await plan();
    expect(p.healthy).toBe(true);
    expect(p.steps).toEqual([]);
    const refused = await lab.fetch("/api/repair", { method: "POST", headers: auth, body: "{}" });
    expect(refused.status).toBe(409);
  });

  it("master of a deleted: promotion, the recreated pod stays 0/1 with the reason, repair brings 3+3", async () => {
    const victim = lab.masterOf(keySlot("a"))!;
    const replica = topologyOf(lab.store.labState).nodes.find((n) => n.masterId === victim.id)!;
    await deleteAndWaitRecreated(victim.pod!);
    await waitFor(
      "the replica promoted",
      () => topologyOf(lab.store.labState).nodes.find((n) => n.id === replica.id && n.role === "master"),
      FAILOVER_BUDGET_MS,
    );
    const pod = await waitFor(
      "the readiness reason",
      () => {
        const p = lab.store.pods.find((x) => x.name === victim.pod);
        return p?.readyReason?.startsWith("cluster_state:fail") && p;
      },
      10_000,
    );
    expect(pod.ready).toBe(false);
    expect(pod.readyReason).toContain("cluster_known_nodes:1");
    const run = await waitFor(
      "the run to name the id the pod came back with",
      () => lab.store.listRuns().find((r) => r.pod === victim.pod && r.returnedNodeId),
      10_000,
    );
    expect(run.outcome).toBe("failover");
    expect(run.returnedNodeId).not.toBe(victim.id);
    expect(run.returnedNodeId).toBe(
      topologyOf(lab.store.labState).views.find((v) => v.pod === victim.pod)?.myId,
    );

    const evidence = await (await lab.fetch(`/api/pods/${victim.pod}/evidence`)).json();
    expect(evidence.clusterInfo).toContain("cluster_state:fail");
    expect(evidence.clusterNodes.trim().split("\n")).toHaveLength(1);

    const p = await plan();
    expect(p.steps.map((s) => s.kind)).toEqual(["forget", "meet", "replicate"]);
    const forget = p.steps[0] as Extract<RepairPlan["steps"][number], { kind: "forget" }>;
    expect(forget.nodeId).toBe(victim.id);
    expect(forget.onPods).toHaveLength(5);
    expect(JSON.stringify(p)).not.toContain("new1234");
    const replicate = p.steps[2] as Extract<RepairPlan["steps"][number], { kind: "replicate" }>;
    expect(replicate.masterId).toBe(replica.id);

    await repairAndVerify();
    for (const v of topologyOf(lab.store.labState).views) {
      expect(v.entries.map((e) => e.id)).not.toContain(victim.id);
    }
    await waitAllReadable();
  });

  it("a replica deleted: repaired back to 3+3 as well", async () => {
    const victim = topologyOf(lab.store.labState).nodes.find((n) => n.role === "replica" && n.pod)!;
    await deleteAndWaitRecreated(victim.pod!);
    await waitFor(
      "the old replica id marked failed by the others",
      () => topologyOf(lab.store.labState).nodes.find((n) => n.id === victim.id && n.flags.includes("fail")),
      FAILOVER_BUDGET_MS,
    );
    const p = await waitFor(
      "a plan with steps",
      async () => {
        const x = await plan();
        return x.steps.some((s) => s.kind === "replicate") && x;
      },
      10_000,
      250,
    );
    expect(p.steps.map((s) => s.kind)).toEqual(["forget", "meet", "replicate"]);
    await repairAndVerify();
    await waitAllReadable();
  });

  it("with persistence on, the deleted master comes back with its nodes.conf and rejoins without repair", async () => {
    const reset = await lab.fetch("/api/lab/reset", {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ persistence: true }),
    });
    expect(reset.status).toBe(200);
    const settings = await reset.json();
    expect(settings.persistence).toBe(true);
    // The runs before the reset deleted pods whose ids are gone: the guide and the run panel start after it.
    expect(settings.resetAt).toBeGreaterThan(lab.store.listRuns()[0].startedAt);
    await waitFor("all pods ready after the reset", () => lab.store.pods.every((p) => p.ready), 15_000);
    await waitAllReadable();

    const victim = lab.masterOf(keySlot("a"))!;
    await deleteAndWaitRecreated(victim.pod!);
    const back = await waitFor(
      "the same node id at the pod's new IP",
      () =>
        topologyOf(lab.store.labState).nodes.find(
          (n) => n.id === victim.id && n.pod === victim.pod && n.ip !== victim.ip,
        ),
      FAILOVER_BUDGET_MS,
    );
    expect(back.pod).toBe(victim.pod);
    await waitFor(
      "all pods ready and a healthy plan, without any repair",
      async () => lab.store.pods.every((p) => p.ready) && (await plan()).healthy,
      FAILOVER_BUDGET_MS,
      250,
    );
    await waitAllReadable();
    expect(lab.store.snapshot().events.filter((e) => e.kind === "repair-started")).toHaveLength(2);
    const run = lab.store.listRuns()[0];
    expect(run.pod).toBe(victim.pod);
    expect(run.returnedNodeId).toBe(victim.id);
    expect(run.returnedAfterMs).toBeGreaterThan(0);
    // Back before the node timeout, nothing is promoted, and the run says so instead of "FAIL never".
    const promoted = lab.store
      .snapshot()
      .events.some((e) => e.kind === "replica-promoted" && e.t >= run.startedAt);
    expect(run.outcome).toBe(promoted ? "failover" : "returned");
    if (!promoted) expect(run.promotedAfterMs).toBeNull();
  });
});

describe("with persistence on and a pod that stays away longer than the node timeout", () => {
  let lab: TestLab;

  beforeAll(async () => {
    lab = await startLab("127.43.7", {
      DASHBOARD_PERSISTENCE: "on",
      RESTART_DELAY_MS: String(4 * NODE_TIMEOUT_MS),
    });
  });
  afterAll(async () => {
    await lab?.close();
  });

  it("the old master comes back with its nodes.conf and rejoins as a replica of the promoted one", async () => {
    await waitFor("all pods ready", () => lab.store.pods.every((p) => p.ready), 15_000);
    const victim = lab.masterOf(keySlot("a"))!;
    const replica = topologyOf(lab.store.labState).nodes.find((n) => n.masterId === victim.id)!;
    expect((await lab.deleteRequest(victim.pod!)).status).toBe(202);
    await waitFor(
      "the replica promoted while the pod is away",
      () => topologyOf(lab.store.labState).nodes.find((n) => n.id === replica.id && n.role === "master"),
      FAILOVER_BUDGET_MS,
    );
    const rejoined = await waitFor(
      "the old id back at a new IP as a replica of the promoted master",
      () =>
        topologyOf(lab.store.labState).nodes.find(
          (n) =>
            n.id === victim.id && n.pod === victim.pod && n.ip !== victim.ip && n.masterId === replica.id,
        ),
      FAILOVER_BUDGET_MS + 4 * NODE_TIMEOUT_MS,
    );
    expect(rejoined.role).toBe("replica");
    await waitFor("every pod ready without a repair", () => lab.store.pods.every((p) => p.ready), 15_000);
    // Gossip clears the old FAIL flag on every node within a few node timeouts; no repair is needed for it.
    await waitFor(
      "a healthy plan without any repair",
      async () => (await (await lab.fetch("/api/repair/plan")).json()).healthy,
      4 * NODE_TIMEOUT_MS,
      250,
    );
    expect(lab.store.repair).toBeNull();
    const run = lab.store.listRuns()[0];
    expect(run.outcome).toBe("failover");
    expect(run.returnedNodeId).toBe(victim.id);
  });
});

describe("auto-repair", () => {
  let lab: TestLab;

  beforeAll(async () => {
    lab = await startLab("127.43.10");
  });
  afterAll(async () => {
    await lab?.close();
  });

  it("repairs by itself once the recreated pod runs, and says so in the event log", async () => {
    await waitFor("all pods ready", () => lab.store.pods.every((p) => p.ready), 15_000);
    const denied = await lab.fetch("/api/repair/auto", {
      method: "POST",
      body: JSON.stringify({ enabled: true }),
    });
    expect(denied.status).toBe(401);
    const on = await lab.fetch("/api/repair/auto", {
      method: "POST",
      headers: auth,
      body: '{"enabled":true}',
    });
    expect(on.status).toBe(200);
    expect((await on.json()).autoRepair).toBe(true);

    const victim = lab.masterOf(keySlot("a"))!;
    expect((await lab.deleteRequest(victim.pod!)).status).toBe(202);
    const repair = await waitFor(
      "an automatic repair to finish",
      () => lab.store.repair?.status === "done" && lab.store.repair,
      FAILOVER_BUDGET_MS + 60_000,
      100,
    );
    expect(repair.auto).toBe(true);
    expect(repair.actor).toBe("auto-repair");
    expect(lab.store.pods.every((p) => p.ready)).toBe(true);
    const started = lab.store.snapshot().events.filter((e) => e.kind === "repair-started");
    expect(started.some((e) => e.params.actor === "auto-repair" && e.params.auto)).toBe(true);
    for (const v of topologyOf(lab.store.labState).views)
      expect(v.entries.map((e) => e.id)).not.toContain(victim.id);
  });
});
