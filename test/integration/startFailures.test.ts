import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findRedisServers, killLeftovers } from "@/server/platform/local/leftovers";
import { startIsolatedLab } from "../../scripts/isolatedLab";
import { onTestNet } from "../../scripts/testNet";
import { NODE_TIMEOUT_MS, TEST_TOKEN, waitFor } from "./harness";
import { alive, collect, exitOf, spawnDashboard } from "./labProcess";

const dirs: string[] = [];
function freshDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), "failover-lab-start-"));
  dirs.push(d);
  return d;
}

function listen(host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(port, host, () => resolve(s));
  });
}

describe("a start that fails", () => {
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("on a pod IP already in use names the pod and Redis's own message, and leaves no redis-server", async () => {
    const ipPrefix = "127.43.11";
    // The fourth pod's address (LOCAL_IP_START 76 + 3) is taken: three pods start, one cannot.
    const squatter = await listen(`${onTestNet(ipPrefix)}.79`, 6379);
    const dataDir = freshDir();
    try {
      const failed = startIsolatedLab({
        ipPrefix,
        token: TEST_TOKEN,
        dataDir,
        env: { CLUSTER_NODE_TIMEOUT_MS: String(NODE_TIMEOUT_MS) },
      });
      await expect(failed).rejects.toThrow(/ds-redis-redis-cluster-3.*Address already in use/);
    } finally {
      squatter.close();
    }
    expect(findRedisServers(dataDir)).toEqual([]);
  });

  it("on a dashboard port in use says so and leaves no redis-server", async () => {
    const taken = await listen("127.0.0.1", 0);
    const port = (taken.address() as { port: number }).port;
    const dataDir = freshDir();
    try {
      const failed = startIsolatedLab({
        ipPrefix: "127.43.16",
        token: TEST_TOKEN,
        dataDir,
        env: { CLUSTER_NODE_TIMEOUT_MS: String(NODE_TIMEOUT_MS), PORT: String(port) },
      });
      await expect(failed).rejects.toThrow(`cannot listen on 127.0.0.1:${port}`);
    } finally {
      taken.close();
    }
    expect(findRedisServers(dataDir)).toEqual([]);
  });

  it("by a SIGTERM whose log line cannot be written still stops the server and every pod", async () => {
    const dataDir = freshDir();
    // Headless: Next.js needs a production build this checkout may not have, and its dev mode edits files.
    const child = spawnDashboard(
      {
        DASHBOARD_DATA_DIR: dataDir,
        LOCAL_IP_PREFIX: onTestNet("127.43.12"),
        PORT: "0",
        HOST: "127.0.0.1",
        CLUSTER_NODE_TIMEOUT_MS: String(NODE_TIMEOUT_MS),
        NEXT_TELEMETRY_DISABLED: "1",
      },
      "headless",
    );
    const stdout = collect(child.stdout);
    try {
      await waitFor("the dashboard to run", () => stdout().includes("Failover Lab is running"), 60_000);
      expect(findRedisServers(dataDir)).toHaveLength(6);
      // The terminal behind stdout and stderr is gone: the server's next write gets EPIPE.
      child.stdout!.destroy();
      child.stderr!.destroy();
      child.kill("SIGTERM");
      const { code } = await Promise.race([
        exitOf(child),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error("still running 20 s after SIGTERM")), 20_000),
        ),
      ]);
      expect(code).toBe(0);
      expect(findRedisServers(dataDir)).toEqual([]);
    } finally {
      if (child.pid && alive(child.pid)) child.kill("SIGKILL");
      // A server that failed this test leaves its pods: they would hold these IPs for the next run.
      await killLeftovers(dataDir);
    }
  });
});
