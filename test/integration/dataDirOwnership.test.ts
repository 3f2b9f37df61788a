import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRedisServers } from "@/server/platform/local/leftovers";
import { LOCK_FILE } from "@/server/platform/local/dataDirLock";
import { startIsolatedLab } from "../../scripts/isolatedLab";
import { onTestNet } from "../../scripts/testNet";
import { NODE_TIMEOUT_MS, TEST_TOKEN, waitFor } from "./harness";
import { collect, exitOf, spawnDashboard } from "./labProcess";
import { topologyOf } from "@/lib/labs/cluster/state";

const IP_PREFIX = "127.43.10";

describe("a second dashboard on a data dir that a running one owns", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "failover-lab-owned-"));
  let lab: Awaited<ReturnType<typeof startIsolatedLab>>;

  beforeAll(async () => {
    lab = await startIsolatedLab({
      ipPrefix: IP_PREFIX,
      token: TEST_TOKEN,
      dataDir,
      env: { CLUSTER_NODE_TIMEOUT_MS: String(NODE_TIMEOUT_MS), READINESS_PERIOD_MS: "500" },
    });
  });
  afterAll(async () => {
    await lab?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("exits non-zero saying who owns it, and the running lab keeps its pods, ready", async () => {
    const store = lab.server.engine.store;
    await waitFor("all pods ready", () => store.pods.every((p) => p.ready), 10_000);
    const before = findRedisServers(dataDir).sort();
    expect(before).toHaveLength(6);
    const podsBefore = store.pods.map(({ name, ip, createdAt, restarts }) => ({
      name,
      ip,
      createdAt,
      restarts,
    }));

    // Everything the way a second `npm start` in the same checkout would get it: same dir, same IPs.
    const second = spawnDashboard({
      DASHBOARD_DATA_DIR: dataDir,
      LOCAL_IP_PREFIX: onTestNet(IP_PREFIX),
      PORT: "0",
      HOST: "127.0.0.1",
    });
    const stderr = collect(second.stderr);
    const { code } = await exitOf(second);
    expect(code).not.toBe(0);
    expect(stderr()).toContain(`already running as pid ${process.pid}`);
    expect(stderr()).toContain(dataDir);

    expect(findRedisServers(dataDir).sort()).toEqual(before);
    expect(JSON.parse(readFileSync(path.join(dataDir, LOCK_FILE), "utf8")).pid).toBe(process.pid);
    // Had the second one touched a pod, the kubelet's view would show it within a few readiness periods.
    await new Promise((r) => setTimeout(r, 3 * 500));
    expect(store.pods.every((p) => p.ready)).toBe(true);
    expect(
      store.pods.map(({ name, ip, createdAt, restarts }) => ({ name, ip, createdAt, restarts })),
    ).toEqual(podsBefore);
    expect(topologyOf(store.labState).clusterState).toBe("ok");
  });
});

describe("a data dir whose lab was switched to the replication lab", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "failover-lab-owned-mr-"));
  let lab: Awaited<ReturnType<typeof startIsolatedLab>>;

  beforeAll(async () => {
    lab = await startIsolatedLab({
      ipPrefix: "127.43.42",
      token: TEST_TOKEN,
      dataDir,
      env: { CLUSTER_NODE_TIMEOUT_MS: String(NODE_TIMEOUT_MS), READINESS_PERIOD_MS: "500" },
    });
  });
  afterAll(async () => {
    await lab?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("is still owned after the switch: a second dashboard exits and lab A's pods stay as they were", async () => {
    const engine = lab.server.engine;
    await engine.switchLab({ name: "test" }, { lab: "replication" });
    const store = engine.store;
    await waitFor(
      "lab A's pods ready",
      () => store.pods.length === 3 && store.pods.every((p) => p.ready),
      15_000,
    );
    expect(store.pods.map((p) => p.name)).toEqual([
      "ds-redis-master-0",
      "ds-redis-replicas-0",
      "ds-redis-replicas-1",
    ]);
    // Lab B's LocalPlatform released its claim when it stopped; lab A's pods must hold one of their own.
    expect(JSON.parse(readFileSync(path.join(dataDir, LOCK_FILE), "utf8")).pid).toBe(process.pid);
    // A master forks for each replica's full sync; count once those children are gone.
    const before = await waitFor(
      "three redis-servers, the replicas' sync forks gone",
      () => {
        const pids = findRedisServers(dataDir);
        return pids.length === 3 && pids.sort();
      },
      15_000,
    );
    const podsBefore = store.pods.map(({ name, ip, createdAt }) => ({ name, ip, createdAt }));

    const second = spawnDashboard({
      DASHBOARD_DATA_DIR: dataDir,
      DASHBOARD_LAB: "replication",
      LOCAL_IP_PREFIX: onTestNet("127.43.42"),
      PORT: "0",
      HOST: "127.0.0.1",
    });
    const stderr = collect(second.stderr);
    const { code } = await exitOf(second);
    expect(code).not.toBe(0);
    expect(stderr()).toContain(`already running as pid ${process.pid}`);
    expect(findRedisServers(dataDir).sort()).toEqual(before);
    await new Promise((r) => setTimeout(r, 3 * 500));
    expect(store.pods.every((p) => p.ready)).toBe(true);
    expect(store.pods.map(({ name, ip, createdAt }) => ({ name, ip, createdAt }))).toEqual(podsBefore);
  });
});
