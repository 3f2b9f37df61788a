import { connect } from "node:net";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ack } from "@/lib/protocol";
import type { PodState } from "@/lib/types";
import { startLab, TEST_TOKEN, type TestLab } from "./harness";

/** Every way a path segment can fail `decodeURIComponent`: bad escapes, then escapes of invalid UTF-8. */
const BAD_ENCODINGS = [
  "%",
  "%%",
  "%Z",
  "%ZZ",
  "%G0",
  "%0",
  "abc%",
  "%E0%A4%A", // an escape cut short inside a 3-byte sequence
  "%E0%A4", // a 3-byte sequence missing its last byte
  "%C3", // a 2-byte sequence missing its last byte
  "%C3%28", // a lead byte followed by a non-continuation byte
  "%80", // a lone continuation byte
  "%FF", // a byte that never occurs in UTF-8
  "%C0%AF", // an overlong "/"
  "%ED%A0%80", // a UTF-16 surrogate
  "%F4%90%80%80", // beyond U+10FFFF
];

/** Bodies that parse as JSON but are not an object; `null` used to count as "no options". */
const NON_OBJECT_BODIES = ["null", "[]", "5", '"graceful"', "true"];

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** fetch() cannot send a request-target that is not a URL, so write the request line by hand. */
function rawRequest(url: string, requestLine: string): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`${requestLine}\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n\r\n`);
    });
    let data = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (data += chunk));
    socket.on("error", reject);
    socket.on("end", () => {
      const [head, ...rest] = data.split("\r\n\r\n");
      const [statusLine, ...headerLines] = head.split("\r\n");
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const i = line.indexOf(":");
        headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body: rest.join("\r\n\r\n") });
    });
  });
}

function expectSecurityHeaders(get: (name: string) => string | null | undefined): void {
  const csp = get("content-security-policy") ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src [^;]*'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(csp).toMatch(/connect-src 'self' ws: wss:/);
  expect(csp).not.toMatch(/script-src [^;]*'unsafe-inline'/);
  expect(get("x-frame-options")).toBe("DENY");
  expect(get("referrer-policy")).toBe("no-referrer");
  expect(get("x-content-type-options")).toBe("nosniff");
}

describe("bad input to the HTTP API changes nothing", () => {
  let lab: TestLab;
  let before: PodState[];
  let autoRepairBefore: boolean;
  const pod = "ds-redis-redis-cluster-0";
  const auth = { authorization: `Bearer ${TEST_TOKEN}`, "content-type": "application/json" };

  beforeAll(async () => {
    lab = await startLab("127.43.2");
    before = lab.store.pods;
    autoRepairBefore = lab.store.settings.autoRepair;
  });
  afterAll(async () => {
    await lab?.close();
  });

  // A null message: a HEAD answer carries no body, its status and headers are the refusal.
  const cases: [string, () => Promise<Response>, number, string, RegExp | null][] = [
    ["no token", () => lab.deleteRequest(pod, { token: null }), 401, "unauthorized", /Bearer/],
    [
      "a wrong token",
      () => lab.deleteRequest(pod, { token: "not-the-token" }),
      401,
      "invalid_token",
      /invalid token/,
    ],
    [
      "an unknown pod",
      () => lab.deleteRequest("ds-redis-redis-cluster-9"),
      404,
      "unknown_pod",
      /not a pod of this lab/,
    ],
    [
      "a pod of another release",
      () => lab.deleteRequest("other-redis-cluster-0"),
      404,
      "unknown_pod",
      /not a pod/,
    ],
    [
      "an oversized pod name",
      () => lab.deleteRequest("x".repeat(5000)),
      400,
      "invalid_request",
      /invalid request/,
    ],
    [
      "malformed JSON",
      () => lab.deleteRequest(pod, { body: "{mode:" }),
      400,
      "malformed_json",
      /malformed JSON/,
    ],
    [
      "a wrong type",
      () => lab.deleteRequest(pod, { body: JSON.stringify({ mode: 5 }) }),
      400,
      "invalid_body",
      /mode/,
    ],
    [
      "an unknown field",
      () => lab.deleteRequest(pod, { body: JSON.stringify({ force: true }) }),
      400,
      "invalid_body",
      /force/,
    ],
    [
      "a huge body",
      () => lab.deleteRequest(pod, { body: JSON.stringify({ mode: "x".repeat(20_000) }) }),
      413,
      "body_too_large",
      /larger/,
    ],
    [
      "GET instead of POST",
      () => lab.fetch(`/api/pods/${pod}/delete`),
      405,
      "method_not_allowed",
      /not allowed/,
    ],
    [
      "HEAD on a POST route",
      () => lab.fetch(`/api/lab/reset`, { method: "HEAD" }),
      405,
      "method_not_allowed",
      null,
    ],
    [
      "a guide step that does not exist",
      () =>
        lab.fetch("/api/guide", {
          method: "POST",
          headers: auth,
          body: JSON.stringify({ step: "x".repeat(500) }),
        }),
      400,
      "invalid_request",
      /step/,
    ],
    [
      "a guide step with a forged author",
      () =>
        lab.fetch("/api/guide", {
          method: "POST",
          headers: auth,
          body: JSON.stringify({ step: "delete", by: "민지" }),
        }),
      400,
      "invalid_request",
      /by/,
    ],
    [
      "a guide step without the token",
      () => lab.fetch("/api/guide", { method: "POST", body: JSON.stringify({ step: "delete" }) }),
      401,
      "unauthorized",
      /Bearer/,
    ],
    ["an unknown run", () => lab.fetch("/api/runs/nope"), 404, "no_run", /no run/],
    ["an unknown endpoint", () => lab.fetch("/api/nope"), 404, "not_found", /no such endpoint/],
  ];

  it.each(cases)("%s -> clear 4xx with a stable code", async (_name, send, status, code, message) => {
    const res = await send();
    expect(res.status).toBe(status);
    expectSecurityHeaders((h) => res.headers.get(h));
    if (!message) return expect(await res.text()).toBe("");
    const body = await res.json();
    expect(body.error).toMatch(message);
    expect(body.code).toBe(code);
  });

  it("a 405 names the allowed methods", async () => {
    expect((await lab.fetch(`/api/pods/${pod}/delete`)).headers.get("allow")).toBe("POST");
    expect((await lab.fetch(`/api/state`, { method: "PUT" })).headers.get("allow")).toBe("GET, HEAD");
  });

  const badPaths = BAD_ENCODINGS.flatMap((seg): [string, string, string][] => [
    [seg, "POST", `/api/pods/${seg}/delete`],
    [seg, "GET", `/api/pods/${seg}/evidence`],
    [seg, "GET", `/api/runs/${seg}`],
  ]);
  it.each(badPaths)("bad percent-encoding %s in %s %s -> 400 bad_path", async (seg, method, p) => {
    const res = await lab.fetch(p, { method, headers: auth, body: method === "POST" ? "{}" : undefined });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.code).toBe("bad_path");
    expect(body.error).toContain(seg);
  });

  it("a request-target of * -> 400 bad_path, not a 500", async () => {
    for (const method of ["GET", "OPTIONS"]) {
      const res = await rawRequest(lab.server.url, `${method} * HTTP/1.1`);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({ code: "bad_path" });
      expectSecurityHeaders((h) => res.headers[h]);
    }
  });

  const nonObjects = NON_OBJECT_BODIES.flatMap((body): [string, string][] => [
    [body, `/api/pods/${pod}/delete`],
    [body, "/api/lab/reset"],
    [body, "/api/repair"],
    [body, "/api/repair/auto"],
  ]);
  it.each(nonObjects)("a JSON body of %s to %s -> 400 invalid_body", async (body, p) => {
    const res = await lab.fetch(p, { method: "POST", headers: auth, body });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "invalid_body", error: /must be a JSON object/ });
  });

  it("HEAD on every GET route answers like GET, without a body", async () => {
    for (const p of [
      "/healthz",
      "/api/state",
      "/api/runs",
      "/api/repair/plan",
      `/api/pods/${pod}/evidence`,
    ]) {
      const res = await lab.fetch(p, { method: "HEAD" });
      expect(res.status, p).toBe(200);
      expect(res.headers.get("content-type"), p).toMatch(/application\/json/);
      expect(await res.text(), p).toBe("");
      expectSecurityHeaders((h) => res.headers.get(h));
    }
    const get = await lab.fetch("/api/runs");
    const head = await lab.fetch("/api/runs", { method: "HEAD" });
    expect(head.headers.get("content-length")).toBe(String(Buffer.byteLength(await get.text())));
  });

  it("socket.io's own polling answers carry the headers too", async () => {
    const res = await lab.fetch("/socket.io/?EIO=4&transport=polling");
    expect(res.status).toBe(200);
    expectSecurityHeaders((h) => res.headers.get(h));
  });

  it("shows browsers and error texts no absolute data path", async () => {
    expect(lab.store.lab.scope).toMatch(/^local:/);
    expect(JSON.stringify(lab.store.snapshot())).not.toContain(lab.dataDir);
    const state = await (await lab.fetch("/api/state")).text();
    expect(state).not.toContain(lab.dataDir);
    const notFound = await (await lab.deleteRequest("ds-redis-redis-cluster-9")).text();
    expect(notFound).not.toContain(lab.dataDir);
  });

  it("bad prediction intents get a clear code and change nothing", async () => {
    const open = (auth: Record<string, unknown>) =>
      new Promise<Socket>((resolve, reject) => {
        const s = io(lab.server.url, { auth, transports: ["websocket"], reconnection: false });
        s.once("session", () => resolve(s));
        s.once("connect_error", reject);
      });
    const teacher = await open({ token: TEST_TOKEN, name: "강사", clientId: "bad-input-teacher" });
    const student = await open({ name: "민지", clientId: "bad-input-student" });
    const ask = (s: Socket, event: string, payload: unknown) =>
      s.timeout(10_000).emitWithAck(event, payload) as Promise<Ack>;
    const refused = (status: number, code: string) => ({ ok: false, status, code });
    try {
      expect(await ask(student, "prediction:answer", { questionId: "q-1", option: "r0" })).toMatchObject(
        refused(409, "prediction_not_open"),
      );
      expect(await ask(teacher, "prediction:close", {})).toMatchObject(refused(409, "prediction_not_open"));
      expect(await ask(student, "prediction:open", { question: "downtime" })).toMatchObject(
        refused(403, "forbidden"),
      );
      for (const bad of [{ question: "who-wins" }, { question: "x".repeat(5000) }, null, { question: 5 }]) {
        expect(await ask(teacher, "prediction:open", bad)).toMatchObject(refused(400, "invalid_request"));
      }
      // A lab B server: lab A's question is not on offer.
      expect(await ask(teacher, "prediction:open", { question: "replicaRead" })).toMatchObject({
        ...refused(409, "prediction_unavailable"),
        params: { reason: "lab" },
      });
      expect(lab.store.prediction).toBeNull();

      const opened = await ask(teacher, "prediction:open", { question: "downtime" });
      const id = (opened as { result: { question: { id: string } } }).result.question.id;
      const answer = (payload: unknown) => ask(student, "prediction:answer", payload);
      expect(await answer({ questionId: id, option: "r9" })).toMatchObject({
        ...refused(400, "prediction_unknown_option"),
        error: /no choice "r9"/,
      });
      expect(await answer({ questionId: id, option: "r".repeat(5000) })).toMatchObject(
        refused(400, "invalid_request"),
      );
      expect(await answer({ questionId: id, option: "r0", name: "강사" })).toMatchObject(
        refused(400, "invalid_request"),
      );
      expect(await answer({ questionId: "q-gone", option: "r0" })).toMatchObject(
        refused(409, "prediction_stale"),
      );
      expect(await ask(teacher, "prediction:open", { question: "newMaster" })).toMatchObject(
        refused(409, "prediction_already_open"),
      );
      // Nothing above counted as an answer.
      const closed = await ask(teacher, "prediction:close", {});
      expect(closed).toMatchObject({
        ok: true,
        result: { answers: 0, counts: { r0: 0, r1: 0, r2: 0, r3: 0 } },
      });
      expect(await answer({ questionId: id, option: "r0" })).toMatchObject(
        refused(409, "prediction_not_open"),
      );
      expect(lab.store.prediction).toMatchObject({ status: "closed", answers: 0 });
    } finally {
      teacher.close();
      student.close();
    }
  });

  it("deleted nothing, reset nothing and started no run", async () => {
    const seen = (pods: PodState[]) => pods.map((p) => [p.name, p.ip, p.phase, p.createdAt, p.restarts]);
    expect(seen(lab.store.pods)).toEqual(seen(before));
    expect((await (await lab.fetch("/api/runs")).json()).runs).toEqual([]);
    expect(lab.store.busy).toBeNull();
    expect(lab.store.settings.autoRepair).toBe(autoRepairBefore);
    expect(lab.store.guide.step).toBeNull();
  });
});
