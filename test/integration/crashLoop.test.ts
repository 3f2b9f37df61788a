import { mkdtempSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { PodState } from "@/lib/types";
import { findRedisServers } from "@/server/platform/local/leftovers";
import { LocalPlatform } from "@/server/platform/local/localPlatform";
import { onTestNet } from "../../scripts/testNet";
import { waitFor } from "./harness";

const dataDir = mkdtempSync(path.join(tmpdir(), "failover-lab-crashloop-"));
const BACKOFF_MS = 400;
const RESTART_DELAY_MS = 100;

describe("a local container that keeps dying", () => {
  const lab = new LocalPlatform({
    dataDir,
    password: "new1234",
    nodeTimeoutMs: 2000,
    requireFullCoverage: true,
    persistence: false,
    readinessPeriodMs: 500,
    restartDelayMs: RESTART_DELAY_MS,
    ipPrefix: onTestNet("127.43.13"),
    ipStart: 76,
    keys: { a: "11" },
    crashBackoffInitialMs: BACKOFF_MS,
  });
  afterAll(async () => {
    await lab.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("is restarted at once the first time, then held back in CrashLoopBackOff, twice as long each time", async () => {
    await lab.start();
    const name = "ds-redis-redis-cluster-1";
    const podDir = lab.podDir("ds-redis-redis-cluster-1");
    const cwdOf = (pid: number) => {
      try {
        return readlinkSync(`/proc/${pid}/cwd`);
      } catch {
        return null; // Exited between the listing and this look: the very crash the test causes.
      }
    };
    const pidOfPod = () => findRedisServers(dataDir).find((p) => cwdOf(p) === podDir);
    const seen: { t: number; pod: PodState }[] = [];
    lab.onPods((pods) => seen.push({ t: Date.now(), pod: pods.find((p) => p.name === name)! }));

    const restartGaps: number[] = [];
    for (let crash = 1; crash <= 3; crash++) {
      const pid = await waitFor("the container running", pidOfPod, 10_000);
      const killedAt = Date.now();
      process.kill(pid, "SIGKILL");
      const next = await waitFor(
        "the container restarted",
        () => pidOfPod() !== pid && pidOfPod(),
        10_000,
        10,
      );
      expect(next).not.toBe(pid);
      restartGaps.push(Date.now() - killedAt);
      expect(lab.pods().find((p) => p.name === name)!.restarts).toBe(crash);
    }
    // Lower bounds only: a loaded machine makes every wait longer, never shorter.
    expect(restartGaps[1]).toBeGreaterThanOrEqual(RESTART_DELAY_MS + BACKOFF_MS);
    expect(restartGaps[2]).toBeGreaterThanOrEqual(RESTART_DELAY_MS + 2 * BACKOFF_MS);
    // kubectl's STATUS while the restart is held back, and not once it runs again.
    const backoffs = seen.filter((s) => s.pod.reason === "CrashLoopBackOff");
    expect([...new Set(backoffs.map((s) => s.pod.restarts))]).toEqual([2, 3]);
    expect(lab.pods().find((p) => p.name === name)!.reason).toBeNull();
  });
});
