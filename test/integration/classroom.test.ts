import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io, type Socket } from "socket.io-client";
import { type Ack, EVENTS, type GuideFocus, payloadsOf, type StreamMessage } from "@/lib/protocol";
import { PRESENCE_PERIOD_MS } from "@/server/room";
import { startLab, TEST_TOKEN, type TestLab, waitFor } from "./harness";

// Authorisation is decided before a request is validated, so a delete of a pod that does not exist answers
// 404 when the caller may delete and 403 when not: the lab is never touched by these checks.
const NO_SUCH_POD = "ds-redis-redis-cluster-9";

let lab: TestLab;
const sockets: Socket[] = [];

// Served behind a proxy at another address: the join code must name that one, not the server's own.
const PUBLIC_URL = "http://203.0.113.7:32080";

beforeAll(async () => {
  lab = await startLab("127.43.18", { PUBLIC_URL });
}, 60_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  await lab?.close();
});

async function connect(
  auth: Record<string, unknown>,
  extraHeaders?: Record<string, string>,
): Promise<Socket> {
  const s = io(lab.server.url, { auth, transports: ["websocket"], reconnection: false, extraHeaders });
  sockets.push(s);
  await new Promise<void>((resolve, reject) => {
    s.once("connect", resolve);
    s.once("connect_error", reject);
  });
  return s;
}

// A person is in the room once their page holds its snapshot, as a browser's is before it can follow anything:
// until then the streams skip it (the snapshot, taken when sent, holds what they carried).
async function person(auth: Record<string, unknown>) {
  const s = io(lab.server.url, { auth, transports: ["websocket"], reconnection: false });
  sockets.push(s);
  const [who] = await Promise.all([
    new Promise<{ role: string; name: string; join?: unknown }>((resolve, reject) => {
      s.once("session", resolve);
      s.once("connect_error", reject);
    }),
    new Promise<void>((resolve) => s.once(EVENTS.snapshot, () => resolve())),
  ]);
  return { s, who };
}

const ask = (s: Socket, event: string, payload: unknown) =>
  s.timeout(10_000).emitWithAck(event, payload) as Promise<Ack>;
const statusOf = (a: Ack) => (a.ok ? 200 : a.status);

const grant = (to: string, action: string, allowed: boolean) =>
  lab.fetch("/api/grants", {
    method: "POST",
    headers: { authorization: `Bearer ${TEST_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ action, to, allowed }),
  });

describe("the classroom: one permission table for sockets and HTTP", () => {
  it("tells every browser where students reach the server, PUBLIC_URL first", async () => {
    const { who } = await person({ name: "서윤", clientId: "client-seoyun-001" });
    // Bound to 127.0.0.1: no LAN address a phone could open.
    expect(who).toEqual({ role: "student", name: "서윤", join: { publicUrl: PUBLIC_URL, lan: [] } });
  });

  it("a student may not act until the instructor grants it, to them by name, and revokes it at once", async () => {
    const minji = await person({ name: "민지", clientId: "client-minji-0001" });
    const jun = await person({ name: "준", clientId: "client-jun-000001" });
    expect(minji.who).toMatchObject({ role: "student", name: "민지" });

    const denied = await ask(minji.s, "pod:delete", { pod: NO_SUCH_POD });
    expect(denied).toMatchObject({
      ok: false,
      status: 403,
      code: "not_granted",
      params: { action: "delete" },
    });

    expect((await grant("민지", "delete", true)).status).toBe(200);
    expect(statusOf(await ask(minji.s, "pod:delete", { pod: NO_SUCH_POD }))).toBe(404);
    // A grant to one student is not a grant to another, nor a grant to crash.
    expect(statusOf(await ask(jun.s, "pod:delete", { pod: NO_SUCH_POD }))).toBe(403);
    expect(statusOf(await ask(minji.s, "pod:delete", { pod: NO_SUCH_POD, mode: "crash" }))).toBe(403);

    // A second browser that asks for the same name is someone else, and gets none of her rights.
    const other = await person({ name: "민지", clientId: "client-someone-else" });
    expect(other.who.name).toBe("민지 (2)");
    expect(statusOf(await ask(other.s, "pod:delete", { pod: NO_SUCH_POD }))).toBe(403);
    // Her own reload keeps her name and her grant.
    const again = await person({ name: "민지", clientId: "client-minji-0001" });
    expect(again.who.name).toBe("민지");
    expect(statusOf(await ask(again.s, "pod:delete", { pod: NO_SUCH_POD }))).toBe(404);

    expect((await grant("민지", "delete", false)).status).toBe(200);
    expect(statusOf(await ask(minji.s, "pod:delete", { pod: NO_SUCH_POD }))).toBe(403);
    expect(lab.store.snapshot().events.some((e) => e.kind === "grant-changed")).toBe(true);
  });

  it("grants to everyone reach every student; instructor-only actions stay the instructor's", async () => {
    const a = await person({ name: "학생A", clientId: "client-student-a01" });
    expect((await grant("everyone", "repair", true)).status).toBe(200);
    // The plan is healthy, so an allowed repair is a 409 "healthy", a refused one a 403.
    expect(await ask(a.s, "repair:execute", {})).toMatchObject({ ok: false, status: 409, code: "healthy" });
    expect(await ask(a.s, "repair:auto", { enabled: true })).toMatchObject({ ok: false, status: 403 });
    expect(await ask(a.s, "grants:set", { action: "delete", to: "everyone", allowed: true })).toMatchObject({
      ok: false,
      status: 403,
    });
    await grant("everyone", "repair", false);
    expect(statusOf(await ask(a.s, "repair:execute", {}))).toBe(403);
  });

  it("a forged role or name in the handshake or payload gives nothing", async () => {
    const forged = await person({
      role: "instructor",
      canAct: true,
      name: "instructor",
      clientId: "client-forged-01",
    });
    expect(forged.who.role).toBe("student");
    expect(statusOf(await ask(forged.s, "pod:delete", { pod: NO_SUCH_POD, actor: "instructor" }))).toBe(403);
    expect(statusOf(await ask(forged.s, "lab:reset", { persistence: false }))).toBe(403);
  });

  it("a wrong token is refused at the handshake; the right one is the instructor", async () => {
    await expect(connect({ token: "not-the-token", name: "x" })).rejects.toMatchObject({
      data: { code: "invalid_token" },
    });
    const teacher = await person({ token: TEST_TOKEN, name: "강사", clientId: "client-teacher-01" });
    expect(teacher.who.role).toBe("instructor");
    expect(statusOf(await ask(teacher.s, "pod:delete", { pod: NO_SUCH_POD }))).toBe(404);
  });

  it("a socket from another site's page is refused", async () => {
    await expect(connect({ name: "evil" }, { origin: "http://evil.example" })).rejects.toBeTruthy();
    const own = new URL(lab.server.url).origin;
    const ok = await connect({ name: "own" }, { origin: own });
    expect(ok.connected).toBe(true);
  });

  it("over HTTP: grants need the instructor's token, and the who-is-here list shows the people", async () => {
    expect((await lab.fetch("/api/grants")).status).toBe(401);
    expect((await lab.fetch("/api/grants", { method: "POST", body: "{}" })).status).toBe(401);
    const bad = await grant("nobody-here", "delete", true);
    expect(bad.status).toBe(404);
    expect((await bad.json()).code).toBe("unknown_person");
    await waitFor(
      "민지 in the who-is-here list",
      async () => {
        const res = await lab.fetch("/api/grants", { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
        const body = (await res.json()) as { presence: { name: string }[] };
        return body.presence.some((p) => p.name === "민지");
      },
      3 * PRESENCE_PERIOD_MS,
      100,
    );
  });

  it("a class joining together gets the who-is-here list a few times, not once per join, and ends complete", async () => {
    const lists: number[] = [];
    const onPresence = (p: unknown[]) => lists.push(p.length);
    lab.store.on("presence", onPresence);
    const started = Date.now();
    const names = Array.from({ length: 40 }, (_, i) => `3반 학생 ${i + 1}`);
    await Promise.all(names.map((name) => person({ name })));
    const joined = Date.now() - started;
    await waitFor(
      "all 40 in the list",
      () => names.every((n) => lab.store.presence.some((p) => p.name === n)),
      3 * PRESENCE_PERIOD_MS,
      50,
    );
    lab.store.off("presence", onPresence);
    // One list at the first join, then at most one per period while they come in, and the last at the end.
    expect(lists.length).toBeLessThanOrEqual(Math.ceil(joined / PRESENCE_PERIOD_MS) + 2);
    expect(lists.length).toBeLessThan(40);
  });

  it("only the instructor moves the room to a guide step, over sockets and HTTP, and every browser follows", async () => {
    const teacher = await person({ token: TEST_TOKEN, name: "강사", clientId: "client-teacher-01" });
    const student = await person({ name: "서연", clientId: "client-seoyeon-01" });
    // Even a student holding every grant is not the instructor here.
    for (const a of ["delete", "crash", "fault", "repair", "write", "reset"]) await grant("서연", a, true);
    expect(await ask(student.s, "guide:step", { step: "delete" })).toMatchObject({
      ok: false,
      status: 403,
      code: "forbidden",
      params: { action: "guide" },
    });
    const forged = await ask(student.s, "guide:step", { step: "delete", role: "instructor" });
    expect(statusOf(forged)).toBe(403);
    expect(lab.store.guide.step).toBeNull();

    let followed: GuideFocus | undefined;
    student.s.on(EVENTS.streams, (messages: StreamMessage[]) => {
      followed = payloadsOf(messages, "guide")[0] ?? followed;
    });
    expect(await ask(teacher.s, "guide:step", { step: "delete" })).toMatchObject({
      ok: true,
      result: { step: "delete", by: "강사" },
    });
    // The outbox sends within milliseconds; the bound only turns a lost message into a failure that says so.
    await waitFor("the student's browser to get the guide step", () => followed, 10_000);
    expect(followed).toMatchObject({ step: "delete", by: "강사" });
    // A step that does not exist, or extra fields, change nothing.
    expect(await ask(teacher.s, "guide:step", { step: "drop-tables" })).toMatchObject({ status: 400 });
    expect(await ask(teacher.s, "guide:step", { step: "repair", by: "someone" })).toMatchObject({
      status: 400,
    });
    expect(lab.store.guide.step).toBe("delete");

    const post = (body: unknown, token?: string) =>
      lab.fetch("/api/guide", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
    expect((await post({ step: "repair" })).status).toBe(401);
    expect((await post({ step: "repair" }, "not-the-token")).status).toBe(401);
    expect(lab.store.guide.step).toBe("delete");
    const res = await post({ step: "failover" }, TEST_TOKEN);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ step: "failover", by: "instructor" });
    expect(await (await lab.fetch("/api/guide")).json()).toMatchObject({ step: "failover" });
    // A browser that connects now starts on the instructor's step.
    const late = io(lab.server.url, {
      auth: { name: "늦은학생" },
      transports: ["websocket"],
      reconnection: false,
    });
    sockets.push(late);
    const snap = await new Promise<{ guide: { step: string } }>((resolve) => late.once("snapshot", resolve));
    expect(snap.guide.step).toBe("failover");
    expect(await ask(teacher.s, "guide:step", { step: null })).toMatchObject({ ok: true });
    expect(lab.store.guide).toEqual({ step: null, by: null, at: null });
    for (const a of ["delete", "crash", "fault", "repair", "write", "reset"]) await grant("서연", a, false);
  });
});
