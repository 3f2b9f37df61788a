import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io, type Socket } from "socket.io-client";
import type { PredictionView } from "@/lib/predictions";
import { type Ack, EVENTS, type PredictionAnswer, payloadsOf, type StreamMessage } from "@/lib/protocol";
import { keySlot } from "@/lib/slots";
import { NODE_TIMEOUT_MS, startLab, TEST_TOKEN, type TestLab, waitFor } from "./harness";
import { topologyOf } from "@/lib/labs/cluster/state";

// Promotion takes about 1.5 x node timeout plus the election delay, and the run ends a second of good reads
// later; leave room for a slow machine.
const RUN_BUDGET_MS = 6 * NODE_TIMEOUT_MS + 15_000;

let lab: TestLab;
const sockets: Socket[] = [];

beforeAll(async () => {
  lab = await startLab("127.43.43");
}, 60_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  await lab?.close();
});

/** A browser: its session, and every prediction view the server sent it, newest last. */
async function person(auth: Record<string, unknown>) {
  const s = io(lab.server.url, { auth, transports: ["websocket"], reconnection: false });
  sockets.push(s);
  const seen: (PredictionView | null)[] = [];
  s.on(EVENTS.streams, (messages: StreamMessage[]) => seen.push(...payloadsOf(messages, "prediction")));
  s.on("snapshot", (snap: { prediction: PredictionView | null }) => seen.push(snap.prediction));
  await new Promise<void>((resolve, reject) => {
    s.once("session", () => resolve());
    s.once("connect_error", reject);
  });
  return { s, seen, last: () => seen.at(-1) ?? null };
}

const ask = <T>(s: Socket, event: string, payload: unknown) =>
  s.timeout(10_000).emitWithAck(event, payload) as Promise<Ack<T>>;

describe("predict, then watch", () => {
  it("two students answer, the master of a is deleted, and the result names the real new master", async () => {
    await waitFor(
      "the cluster formed and read",
      () => topologyOf(lab.store.labState).clusterState === "ok",
      20_000,
    );
    const slot = keySlot("a");
    const master = lab.masterOf(slot)!;
    const replica = topologyOf(lab.store.labState).nodes.find((n) => n.masterId === master.id && n.pod)!;
    expect(replica).toBeDefined();

    const teacher = await person({ token: TEST_TOKEN, name: "강사", clientId: "client-teacher-001" });
    const minji = await person({ name: "민지", clientId: "client-minji-0001" });
    const jun = await person({ name: "준", clientId: "client-jun-000001" });

    // Only the instructor asks.
    expect(await ask(minji.s, "prediction:open", { question: "newMaster" })).toMatchObject({
      ok: false,
      status: 403,
      code: "forbidden",
    });
    const opened = await ask<PredictionView>(teacher.s, "prediction:open", { question: "newMaster" });
    if (!opened.ok) throw new Error(opened.error);
    const q = opened.result!.question;
    expect(q).toMatchObject({ kind: "newMaster", key: "a", slot, masterPod: master.pod });
    const right = q.options.find((o) => o.kind === "pod" && o.pod === replica.pod)!;
    const wrong = q.options.find((o) => o.kind === "pod" && o.pod !== replica.pod)!;
    expect(right && wrong).toBeTruthy();
    expect(q.options.map((o) => (o.kind === "pod" ? o.pod : null))).not.toContain(master.pod);

    // 민지 changes her mind: one answer per browser, the last one counts.
    const answer = (p: { s: Socket }, option: string) =>
      ask<PredictionAnswer>(p.s, "prediction:answer", { questionId: q.id, option });
    expect(await answer(minji, wrong.id)).toEqual({
      ok: true,
      result: { questionId: q.id, option: wrong.id },
    });
    expect((await answer(minji, right.id)).ok).toBe(true);
    expect((await answer(jun, wrong.id)).ok).toBe(true);

    // The room sees how many answered, never who chose what, while answers are open.
    const live = await waitFor("two answers published", () => jun.last()?.answers === 2 && jun.last(), 5000);
    expect(live).toMatchObject({ status: "open", counts: null, result: null });
    for (const p of [teacher, minji, jun]) {
      for (const v of p.seen) expect(v?.counts ?? null).toBeNull();
    }

    const del = await lab.deleteRequest(master.pod!);
    expect(del.status).toBe(202);
    const { runId } = (await del.json()) as { runId: string };

    const scored = await waitFor(
      "the run to end and score the question",
      () => lab.store.prediction?.status === "scored" && lab.store.prediction,
      RUN_BUDGET_MS,
    );
    const run = lab.store.run(runId)!;
    expect(run.status).toBe("recovered");
    expect(scored.runId).toBe(runId);
    // The measurement is the topology's: the replica that was promoted now serves the slot.
    const promoted = topologyOf(lab.store.labState).nodes.find((n) => n.id === replica.id)!;
    expect(promoted.role).toBe("master");
    expect(run.promotedNodeId).toBe(replica.id);
    expect(scored.result).toMatchObject({
      runId,
      measured: { kind: "pod", pod: replica.pod },
      correct: right.id,
    });
    expect(scored.counts).toMatchObject({ [right.id]: 1, [wrong.id]: 1 });
    expect(scored.answers).toBe(2);

    // Every browser got the same result, and the answers closed with the run (no one can change theirs now).
    for (const p of [teacher, minji, jun]) {
      await waitFor("the result in every browser", () => p.last()?.status === "scored", 5000);
      expect(p.last()).toEqual(scored);
    }
    expect(await answer(jun, right.id)).toMatchObject({
      ok: false,
      status: 409,
      code: "prediction_not_open",
    });
    const closed = lab.store.snapshot().events.filter((e) => e.kind === "prediction-closed");
    expect(closed).toHaveLength(1);
    expect(closed[0].params).toMatchObject({ actor: null, questionId: q.id, answers: 2 });
  });

  it("closing by hand shows the counts before the run, and a new question starts from no answers", async () => {
    const teacher = await person({ token: TEST_TOKEN, name: "강사", clientId: "client-teacher-001" });
    const minji = await person({ name: "민지", clientId: "client-minji-0001" });
    const opened = await ask<PredictionView>(teacher.s, "prediction:open", { question: "downtime" });
    if (!opened.ok) throw new Error(opened.error);
    const q = opened.result!.question;
    // The ranges follow the configured node timeout.
    expect(q.options.map((o) => (o.kind === "range" ? o.toMs : undefined))).toEqual([
      NODE_TIMEOUT_MS / 2,
      NODE_TIMEOUT_MS,
      2 * NODE_TIMEOUT_MS,
      null,
    ]);
    expect(opened.result).toMatchObject({ answers: 0, counts: null, status: "open" });
    expect((await ask(minji.s, "prediction:answer", { questionId: q.id, option: q.options[1].id })).ok).toBe(
      true,
    );
    const closed = await ask<PredictionView>(teacher.s, "prediction:close", {});
    expect(closed).toMatchObject({
      ok: true,
      result: { status: "closed", runId: null, counts: { r0: 0, r1: 1, r2: 0, r3: 0 } },
    });
    await waitFor("the counts in the student's browser", () => minji.last()?.status === "closed", 5000);
    expect(minji.last()?.counts).toEqual({ r0: 0, r1: 1, r2: 0, r3: 0 });
  });
});
