import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PodState } from "@/lib/types";
import { startLab, type TestLab } from "./harness";

describe("bad input to the delete API changes nothing", () => {
  let lab: TestLab;
  let before: PodState[];
  const pod = "ds-redis-redis-cluster-0";

  beforeAll(async () => {
    lab = await startLab("127.43.2");
    before = lab.store.pods;
  });
  afterAll(async () => {
    await lab?.close();
  });

  const cases: [string, () => Promise<Response>, number, RegExp][] = [
    ["no token", () => lab.deleteRequest(pod, { token: null }), 401, /Bearer/],
    ["a wrong token", () => lab.deleteRequest(pod, { token: "not-the-token" }), 401, /invalid token/],
    ["an unknown pod", () => lab.deleteRequest("ds-redis-redis-cluster-9"), 404, /not a pod of this lab/],
    ["a pod of another release", () => lab.deleteRequest("other-redis-cluster-0"), 404, /not a pod/],
    ["an oversized pod name", () => lab.deleteRequest("x".repeat(5000)), 400, /invalid request/],
    ["malformed JSON", () => lab.deleteRequest(pod, { body: "{mode:" }), 400, /malformed JSON/],
    ["a wrong type", () => lab.deleteRequest(pod, { body: JSON.stringify({ mode: 5 }) }), 400, /mode/],
    [
      "an unknown field",
      () => lab.deleteRequest(pod, { body: JSON.stringify({ force: true }) }),
      400,
      /force/,
    ],
    ["a JSON array", () => lab.deleteRequest(pod, { body: "[]" }), 400, /invalid body/],
    [
      "a huge body",
      () => lab.deleteRequest(pod, { body: JSON.stringify({ mode: "x".repeat(20_000) }) }),
      413,
      /larger/,
    ],
    ["GET instead of POST", () => lab.fetch(`/api/pods/${pod}/delete`), 405, /not allowed/],
    ["an unknown run", () => lab.fetch("/api/runs/nope"), 404, /no run/],
  ];

  it.each(cases)("%s -> clear 4xx", async (_name, send, status, message) => {
    const res = await send();
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body.error).toMatch(message);
  });

  it("deleted nothing and started no run", async () => {
    expect(lab.store.pods.map((p) => [p.name, p.ip, p.phase])).toEqual(
      before.map((p) => [p.name, p.ip, p.phase]),
    );
    expect((await (await lab.fetch("/api/runs")).json()).runs).toEqual([]);
    expect(lab.store.busy).toBe(false);
  });
});
