import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRedisServers } from "@/server/platform/local/leftovers";
import type { LabKind } from "@/lib/types";
import { startLab, TEST_TOKEN, type TestLab, waitFor } from "./harness";

const PODS: Record<LabKind, number> = { cluster: 6, replication: 3 };
/** Forks (a replica's copy, an AOF rewrite) share a pod's dir for a moment; the count settles on the pods. */
const SETTLE_MS = 20_000;

describe("switching labs", () => {
  let lab: TestLab;

  beforeAll(async () => {
    lab = await startLab("127.43.32");
  });

  afterAll(async () => {
    await lab?.close();
  });

  it("ten times leaves only the running lab's redis-servers, and none after the server stops", async () => {
    let running: LabKind = "cluster";
    for (let i = 0; i < 10; i++) {
      running = running === "cluster" ? "replication" : "cluster";
      const res = await lab.fetch("/api/lab", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${TEST_TOKEN}` },
        body: JSON.stringify({ lab: running, persistence: i % 4 === 1 }),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      expect(((await res.json()) as { lab: LabKind }).lab).toBe(running);
      expect(lab.store.pods).toHaveLength(PODS[running]);
      const n = PODS[running];
      await waitFor(
        `${n} redis-server processes`,
        () => findRedisServers(lab.dataDir).length === n,
        SETTLE_MS,
      );
    }
    // A student cannot switch, and a bad body changes nothing.
    const anon = await lab.fetch("/api/lab", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ lab: "cluster" }),
    });
    expect(anon.status).toBe(401);
    const bad = await lab.fetch("/api/lab", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TEST_TOKEN}` },
      body: JSON.stringify({ lab: "sentinel" }),
    });
    expect(bad.status).toBe(400);
    expect(lab.store.lab.lab).toBe(running);

    await lab.server.close();
    expect(findRedisServers(lab.dataDir)).toEqual([]);
  });
});
