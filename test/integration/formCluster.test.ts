import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { formCluster, type PodAddress } from "@/server/platform/local/formCluster";
import { startRedisProcess } from "@/server/platform/local/redisProcess";
import { onTestNet } from "../../scripts/testNet";
import { waitFor } from "./harness";

const PASSWORD = "new1234";
let procs: ChildProcess[] = [];
let dir = "";

async function sixServers(prefix: string): Promise<PodAddress[]> {
  dir = mkdtempSync(path.join(tmpdir(), "failover-lab-form-"));
  const pods = Array.from({ length: 6 }, (_, i) => ({ pod: `p${i}`, ip: `${onTestNet(prefix)}.${80 + i}` }));
  procs = pods.map((p, i) =>
    startRedisProcess({
      ip: p.ip,
      port: 6379,
      dir: path.join(dir, String(i)),
      password: PASSWORD,
      nodeTimeoutMs: 2000,
      cluster: true,
      appendonly: false,
    }),
  );
  for (const p of pods) {
    await waitFor(
      `${p.pod} to answer`,
      async () => {
        const r = new Redis({ host: p.ip, password: PASSWORD, lazyConnect: true, retryStrategy: () => null });
        r.on("error", () => {});
        try {
          await r.connect();
          return (await r.ping()) === "PONG";
        } catch {
          return false;
        } finally {
          r.disconnect();
        }
      },
      10_000,
    );
  }
  return pods;
}

describe("forming the cluster", () => {
  afterEach(async () => {
    for (const p of procs) p.kill("SIGCONT");
    await Promise.all(
      procs.map((p) =>
        p.exitCode !== null || p.signalCode !== null
          ? null
          : new Promise((r) => {
              p.once("exit", r);
              p.kill("SIGKILL");
            }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it("tries a step again when a node stalled, and forms the cluster", async () => {
    const pods = await sixServers("127.43.14");
    // Pod 4 is frozen: its first answer times out. It thaws when the retry is announced, as a stall ends.
    procs[4].kill("SIGSTOP");
    const retries: string[] = [];
    await formCluster(pods, 6379, PASSWORD, { a: "11" }, () => null, {
      commandTimeoutMs: 1000,
      onRetry: (step, pod) => {
        retries.push(`${step} @ ${pod}`);
        if (pod === "p4") procs[4].kill("SIGCONT");
      },
    });
    expect(retries.some((r) => r.endsWith("@ p4"))).toBe(true);
    const r = new Redis({ host: pods[4].ip, password: PASSWORD });
    try {
      expect(await r.call("CLUSTER", "INFO")).toContain("cluster_state:ok");
    } finally {
      r.disconnect();
    }
  });

  it("names the step, the pod and Redis's own answer when a step cannot succeed", async () => {
    const pods = await sixServers("127.43.15");
    const r = new Redis({ host: pods[0].ip, password: PASSWORD });
    await r.call("CLUSTER", "ADDSLOTS", "100");
    r.disconnect();
    await expect(formCluster(pods, 6379, PASSWORD, { a: "11" })).rejects.toThrow(
      `forming the cluster: CLUSTER ADDSLOTSRANGE 0 5460 on pod p0 (${pods[0].ip}) failed: ERR Slot 100 is already busy`,
    );
  });
});
