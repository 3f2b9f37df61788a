import { onTestNet } from "../../scripts/testNet";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LOCK_FILE } from "@/server/platform/local/dataDirLock";
import { findRedisServers } from "@/server/platform/local/leftovers";
import { LocalPlatform, type LocalPlatformOptions } from "@/server/platform/local/localPlatform";

const dataDir = mkdtempSync(path.join(tmpdir(), "failover-lab-leftovers-"));
const options = (restartDelayMs: number): LocalPlatformOptions => ({
  dataDir,
  password: "new1234",
  nodeTimeoutMs: 2000,
  requireFullCoverage: true,
  persistence: false,
  readinessPeriodMs: 500,
  restartDelayMs,
  ipPrefix: onTestNet("127.43.8"),
  ipStart: 76,
  keys: { a: "11" },
});

describe("leftovers of a killed dashboard", () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("are killed at the next start, which takes over the dead dashboard's lock; a stopped lab leaves no redis-server behind", async () => {
    // The first lab plays a dashboard that was SIGKILLed: its children keep running, nobody stops them.
    const killed = new LocalPlatform(options(60_000));
    await killed.start();
    const orphans = findRedisServers(dataDir);
    expect(orphans).toHaveLength(6);
    // A SIGKILLed dashboard leaves its lock behind, naming a pid that no longer runs.
    const lockFile = path.join(dataDir, LOCK_FILE);
    const dead = spawnSync("true").pid!;
    writeFileSync(lockFile, JSON.stringify({ ...JSON.parse(readFileSync(lockFile, "utf8")), pid: dead }));

    const next = new LocalPlatform(options(500));
    await next.start();
    await killed.stop();
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(orphans.filter(alive)).toEqual([]);
    const pods = findRedisServers(dataDir);
    expect(pods).toHaveLength(6);
    expect(pods.filter((p) => orphans.includes(p))).toEqual([]);

    expect(JSON.parse(readFileSync(lockFile, "utf8")).pid).toBe(process.pid);

    await next.stop();
    expect(findRedisServers(dataDir)).toEqual([]);
  });
});
