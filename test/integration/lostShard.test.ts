import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlanNote } from "@/lib/planNotes";
import type { RepairPlan } from "@/lib/repairPlan";
import { keySlot } from "@/lib/slots";
import { NODE_TIMEOUT_MS, startLab, TEST_TOKEN, type TestLab, waitFor } from "./harness";
import { topologyOf } from "@/lib/labs/cluster/state";

// Both ids must be FAILed by the surviving masters; nobody is left to elect, so no promotion shortens it.
const FAIL_BUDGET_MS = 6 * NODE_TIMEOUT_MS + 15_000;
const auth = { authorization: `Bearer ${TEST_TOKEN}`, "content-type": "application/json" };

describe("a master and its replica both lost before the promotion", () => {
  let lab: TestLab;

  beforeAll(async () => {
    lab = await startLab("127.43.19");
  });
  afterAll(async () => {
    await lab?.close();
  });

  async function plan(): Promise<RepairPlan> {
    return (await lab.fetch("/api/repair/plan")).json();
  }
  const findings = (p: RepairPlan): PlanNote[] =>
    p.summary.code === "summaryRepair" ? p.summary.params.findings : [];

  it("names the lost slots, and ADDSLOTSRANGE on an empty master brings cluster_state:ok back", async () => {
    await waitFor(
      "a, b and c readable on both lanes",
      () => {
        const latest = lab.store.latestSamples();
        return latest.length === 6 && latest.every((s) => s.outcome === "ok");
      },
      15_000,
    );
    const master = lab.masterOf(keySlot("a"))!;
    const replica = topologyOf(lab.store.labState).nodes.find((n) => n.masterId === master.id)!;
    expect(replica.pod).toBeTruthy();
    const ipsBefore = new Map(lab.store.pods.map((p) => [p.name, p.ip]));

    expect((await lab.deleteRequest(master.pod!)).status).toBe(202);
    // The HTTP delete holds the action lock until its pod is back, so the replica is killed on the platform
    // itself, as soon as the master's process is gone: far inside the node timeout, before any FAIL or vote.
    await waitFor(
      "the master's pod to stop running",
      () => lab.store.pods.find((p) => p.name === master.pod)?.phase !== "Running",
      10_000,
      10,
    );
    const killedAt = Date.now();
    await lab.server.engine.platform.deletePod(replica.pod!, "crash");
    const deletedAt = lab.store.snapshot().events.find((e) => e.kind === "delete-requested")!.t;
    expect(killedAt - deletedAt).toBeLessThan(NODE_TIMEOUT_MS);

    await waitFor(
      "both pods recreated with new IPs and the delete finished",
      () =>
        [master.pod!, replica.pod!].every((name) => {
          const p = lab.store.pods.find((x) => x.name === name);
          return p?.phase === "Running" && p.ip !== ipsBefore.get(name);
        }) && !lab.store.busy,
      20_000,
    );

    const lost = await waitFor(
      "a plan that names slots with no master and no replica",
      async () => {
        const p = await plan();
        // The replica's old id is forgotten only once the others mark it FAIL too, which may come a
        // moment after the master's on a loaded machine: wait for the plan that forgets both.
        const forgets = new Set(p.steps.filter((s) => s.kind === "forget").map((s) => s.nodeId));
        return findings(p).some((f) => f.code === "findingSlotsLost") &&
          p.steps.some((s) => s.kind === "addslots") &&
          forgets.has(master.id) &&
          forgets.has(replica.id)
          ? p
          : null;
      },
      FAIL_BUDGET_MS,
      250,
    );
    // Nobody was promoted: the slots of `a` stayed unserved, and the cluster is down.
    expect(lab.store.snapshot().events.some((e) => e.kind === "replica-promoted")).toBe(false);
    expect(topologyOf(lab.store.labState).clusterState).toBe("fail");
    const slotsLost = findings(lost).find((f) => f.code === "findingSlotsLost")!;
    expect(slotsLost.params).toMatchObject({ replica: "no" });
    const [from, to] = master.slots[0];
    expect(slotsLost.params).toMatchObject({ slots: `${from}-${to}` });
    const add = lost.steps.find((s) => s.kind === "addslots")!;
    expect([master.pod, replica.pod]).toContain(add.pod);
    expect(add.commands[0]).toContain(`cluster addslotsrange ${from} ${to}`);
    expect(lost.steps.filter((s) => s.kind === "forget").map((s) => s.nodeId)).toEqual(
      expect.arrayContaining([master.id, replica.id]),
    );

    const res = await lab.fetch("/api/repair", { method: "POST", headers: auth, body: "{}" });
    expect(res.status).toBe(202);
    const done = await waitFor(
      "the repair to finish",
      () => lab.store.repair?.status !== "running" && lab.store.repair,
      90_000,
    );
    expect(done.status, JSON.stringify(done.outcome)).toBe("done");
    expect(done.plan.steps.map((s) => s.kind)).toContain("addslots");
    expect(done.steps.every((s) => s.status === "ok")).toBe(true);
    await waitFor(
      "cluster_state:ok on every node",
      () =>
        topologyOf(lab.store.labState).views.length === 6 &&
        topologyOf(lab.store.labState).views.every((v) => v.clusterState === "ok"),
      15_000,
    );
    expect(lab.store.pods.every((p) => p.ready)).toBe(true);
    const live = topologyOf(lab.store.labState).nodes.filter((n) => n.pod);
    const masters = live.filter((n) => n.role === "master");
    expect(masters).toHaveLength(3);
    for (const m of masters) expect(live.filter((n) => n.masterId === m.id)).toHaveLength(1);
    expect((await plan()).healthy).toBe(true);
    // The slot of `a` is served again, empty: a read answers (nil) instead of CLUSTERDOWN.
    await waitFor(
      "reads of a answered again",
      () => lab.store.latestSamples().some((s) => s.key === "a" && s.outcome !== "error"),
      15_000,
    );
  }, 240_000);
});
