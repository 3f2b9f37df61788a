import { onTestNet } from "../../scripts/testNet";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeAofDir } from "@/lib/aof/aofDir";
import { diffReplication, lastKnown, type ReplicationView } from "@/lib/replicationDiff";
import { parseInfoReplication, type ReplicationInfo } from "@/lib/replicationInfo";
import { oneShot } from "@/server/redis/connect";
import { LOCK_FILE } from "@/server/platform/local/dataDirLock";
import { findRedisServers } from "@/server/platform/local/leftovers";
import { LocalReplicationPlatform } from "@/server/platform/local/replicationPods";
import type { RedisAddress } from "@/server/platform/types";

const PASSWORD = "new1234";
const MASTER = "ds-redis-master-0";
const REPLICAS = ["ds-redis-replicas-0", "ds-redis-replicas-1"];
/** Bounds, not expectations: each wait ends as soon as Redis reports the state it waits for. */
const SYNC_BOUND_MS = 30_000;
const SEED_AOF = ["SELECT 0", "set a 1111", "set a 2222", "set a 3333"];

const dataDir = mkdtempSync(path.join(tmpdir(), "failover-lab-replication-"));
let lab: LocalReplicationPlatform;

const podAddr = (name: string): RedisAddress => {
  const ip = lab.pods().find((p) => p.name === name)?.ip;
  if (!ip) throw new Error(`${name} has no IP`);
  return { host: ip, port: 6379 };
};
const get = (name: string, key: string) => oneShot(podAddr(name), PASSWORD, 2000, (r) => r.get(key));
const info = async (name: string): Promise<ReplicationInfo> =>
  parseInfoReplication(await oneShot(podAddr(name), PASSWORD, 2000, (r) => r.info("replication")));

/** Polls until `probe` returns a value; with DEBUG_LAB=1 a timeout first prints every pod's log. */
async function until<T>(what: string, probe: () => Promise<T | null | undefined>): Promise<T> {
  const deadline = Date.now() + SYNC_BOUND_MS;
  let last: unknown = null;
  for (;;) {
    try {
      const v = await probe();
      if (v !== null && v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline && process.env.DEBUG_LAB)
      for (const p of lab.pods()) lab.followLog(p.name, (l) => console.log(`LOG ${p.name} ${p.ip} ${l}`))();
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last error: ${last})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Each replica follows the master at `masterIp` and holds a complete copy of its current history. */
async function replicasSyncedTo(masterIp: string): Promise<void> {
  for (const r of REPLICAS) {
    await until(`${r} synced to ${masterIp}`, async () => {
      // Read each time: a restarted master replaces its provisional replid when its first replica attaches.
      const masterReplid = (await info(MASTER)).replid;
      const i = await info(r);
      return i.masterHost === masterIp && i.linkStatus === "up" && i.replid === masterReplid ? i : null;
    });
  }
}

/** One poller round, as lab A's observer would make it: INFO replication, DBSIZE and the probed key. */
async function observe(): Promise<ReplicationView> {
  const view: ReplicationView = {};
  for (const pod of lab.pods()) {
    const reading = pod.ip
      ? await oneShot({ host: pod.ip, port: 6379 }, PASSWORD, 2000, async (r) => ({
          replication: parseInfoReplication((await r.info("replication")) as string),
          dbsize: await r.dbsize(),
          values: { a: await r.get("a") },
        })).catch(() => null)
      : null;
    view[pod.name] = { pod: pod.name, ip: pod.ip, replication: null, dbsize: null, values: {}, ...reading };
  }
  return view;
}

async function writeSeedValues(): Promise<void> {
  const master = lab.serviceAddress("master");
  expect(master).toEqual(podAddr(MASTER));
  await oneShot(master!, PASSWORD, 2000, async (r) => {
    for (const v of ["1111", "2222", "3333"]) expect(await r.set("a", v)).toBe("OK");
  });
  for (const r of REPLICAS)
    await until(`${r} reads 3333`, async () => ((await get(r, "a")) === "3333" ? true : null));
}

/**
 * `kubectl delete pod ds-redis-master-0`: resolves once the new incarnation answers at its new IP. While the
 * master is away, the replicas Service still answers with the value the replicas hold (the seed's read loop).
 */
async function deleteMaster(staleValue: string) {
  const seen = await observe();
  const before = podAddr(MASTER).host;
  const deleting = lab.deletePod(MASTER, "graceful");
  await until("the master to be away", async () =>
    lab.pods().find((p) => p.name === MASTER)?.phase === "Pending" ? true : null,
  );
  expect(lab.serviceAddress("master")).toBeNull();
  const replicasService = lab.serviceAddress("replicas");
  expect(replicasService).not.toBeNull();
  expect(await oneShot(replicasService!, PASSWORD, 2000, (r) => r.get("a"))).toBe(staleValue);
  await deleting;
  const after = podAddr(MASTER).host;
  await replicasSyncedTo(after);
  const facts = diffReplication(lastKnown(seen, seen), await observe());
  return { before, after, facts };
}

/** Redis writes the AOF before it replies, except that `appendfsync everysec` may hold a write back while a
 * background fsync runs (up to 2 s): so the file is read until it shows what was written. */
async function incrCommandsBecome(expected: string[]): Promise<void> {
  await until(`the AOF to hold ${expected.join(", ")}`, async () => {
    const now = await incrCommands();
    return now.length >= expected.length && expected.every((c, i) => now[i] === c) ? true : null;
  });
}

/** Children Redis forks (a replica's copy, an AOF rewrite) share the pod's dir for a moment; wait for the pods alone. */
const podProcessesSettle = (n: number) =>
  until(`${n} redis-server processes`, async () => (findRedisServers(dataDir).length === n ? true : null));

/** The decoded commands of the master's incr files, as the AOF viewer lists them. */
async function incrCommands(): Promise<string[]> {
  const view = describeAofDir(await lab.aofFiles(MASTER));
  return view.files.flatMap((f) =>
    f.type === "incr" && f.decoded?.kind === "aof"
      ? f.decoded.commands.map((c) => c.args.map((a) => a.text).join(" "))
      : [],
  );
}

describe("the replication lab (lab A) on real redis-server", () => {
  beforeAll(async () => {
    lab = new LocalReplicationPlatform({
      dataDir,
      password: PASSWORD,
      persistence: false,
      readinessPeriodMs: 500,
      restartDelayMs: 300,
      ipPrefix: onTestNet("127.43.30"),
      ipStart: 10,
    });
    await lab.start();
  });

  afterAll(async () => {
    await lab?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("starts one master and two replicas that follow it, behind the chart's Services", async () => {
    expect(lab.pods().map((p) => [p.name, p.phase])).toEqual([
      [MASTER, "Running"],
      [REPLICAS[0], "Running"],
      [REPLICAS[1], "Running"],
    ]);
    await podProcessesSettle(3);
    const m = await info(MASTER);
    expect(m.role).toBe("master");
    expect(m.slaves.map((s) => s.ip).sort()).toEqual(REPLICAS.map((r) => podAddr(r).host).sort());
    const replicaIps = REPLICAS.map((r) => podAddr(r).host);
    const served = [lab.serviceAddress("replicas"), lab.serviceAddress("replicas")].map((a) => a?.host);
    expect(served.sort()).toEqual(replicaIps.sort());
  });

  it("without persistence: the master returns at a new IP, empty, and the replicas follow it and lose a", async () => {
    await writeSeedValues();
    await incrCommandsBecome(SEED_AOF);

    const { before, after, facts } = await deleteMaster("3333");
    expect(after).not.toBe(before);
    for (const r of REPLICAS) {
      expect((await info(r)).masterHost).toBe(after);
      expect(await get(r, "a")).toBeNull();
    }
    // What the event log will say, from real INFO text.
    for (const r of REPLICAS) {
      expect(facts).toContainEqual({
        kind: "replica-full-resync",
        params: { pod: r, masterPod: MASTER, keys: 0 },
      });
      expect(facts).toContainEqual({
        kind: "keys-lost",
        params: { pod: r, keys: ["a"], dbsizeBefore: 1, dbsizeAfter: 0 },
      });
    }
    expect(facts).toContainEqual({
      kind: "keys-lost",
      params: { pod: MASTER, keys: ["a"], dbsizeBefore: 1, dbsizeAfter: 0 },
    });
    expect(await get(MASTER, "a")).toBeNull();
    // The emptyDir went with the old pod: the new master's AOF has none of the SETs.
    expect(await incrCommands()).toEqual([]);
  });

  it("with AOF on a volume: the master returns with its data and the replicas keep 3333", async () => {
    await lab.reset({ persistence: true });
    expect(lab.persistence).toBe(true);
    await writeSeedValues();

    // The files Redis wrote, read as the AOF viewer reads them.
    const view = describeAofDir(await lab.aofFiles(MASTER));
    expect(view.manifest?.badLines).toEqual([]);
    expect(view.missing).toEqual([]);
    expect(view.files.map((f) => [f.name, f.type])).toEqual([
      ["appendonly.aof.1.base.rdb", "base"],
      ["appendonly.aof.1.incr.aof", "incr"],
    ]);
    expect(view.files[0].decoded).toEqual({ kind: "rdb-preamble", bytes: view.files[0].bytes });
    expect(view.files[1].decoded).toMatchObject({ kind: "aof", stop: null });
    await incrCommandsBecome(SEED_AOF);
    expect(await incrCommands()).toEqual(SEED_AOF);

    const { before, after, facts } = await deleteMaster("3333");
    expect(after).not.toBe(before);
    expect(await get(MASTER, "a")).toBe("3333");
    expect(facts.filter((f) => f.kind === "keys-lost")).toEqual([]);
    // Redis 7.0 does not keep its replication id in the AOF: the replicas still take a whole new copy, a full one.
    for (const r of REPLICAS) {
      expect(facts).toContainEqual({
        kind: "replica-full-resync",
        params: { pod: r, masterPod: MASTER, keys: 1 },
      });
    }
    expect(facts.filter((f) => f.kind === "replica-master-changed").map((f) => f.params.pod)).toEqual(
      REPLICAS,
    );
    for (const r of REPLICAS) {
      expect((await info(r)).masterHost).toBe(after);
      expect(await get(r, "a")).toBe("3333");
    }
    // The volume kept the file: the restarted master appends to the same history.
    expect((await incrCommands()).slice(0, 4)).toEqual(SEED_AOF);
  });

  it("recreates a replica at a new IP that follows the current master", async () => {
    const before = podAddr(REPLICAS[1]).host;
    await lab.deletePod(REPLICAS[1], "crash");
    expect(podAddr(REPLICAS[1]).host).not.toBe(before);
    await replicasSyncedTo(podAddr(MASTER).host);
    expect(await get(REPLICAS[1], "a")).toBe("3333");
  });

  it("leaves no redis-server behind when stopped", async () => {
    await podProcessesSettle(3);
    await lab.stop();
    expect(findRedisServers(dataDir)).toEqual([]);
  });
});

describe("a replication lab whose dashboard was killed", () => {
  const orphanDir = mkdtempSync(path.join(tmpdir(), "failover-lab-replication-orphans-"));
  const options = (ipStart: number, restartDelayMs: number) => ({
    dataDir: orphanDir,
    password: PASSWORD,
    persistence: true,
    readinessPeriodMs: 500,
    restartDelayMs,
    ipPrefix: onTestNet("127.43.30"),
    ipStart,
  });
  afterAll(() => rmSync(orphanDir, { recursive: true, force: true }));

  it("has its pods killed by the next start, which leaves none behind when stopped", async () => {
    // Never stopped, and too slow to restart its containers: it plays a SIGKILLed dashboard's children.
    const killed = new LocalReplicationPlatform(options(100, 60_000));
    await killed.start();
    const orphans = await until("the orphans' three pods", async () => {
      const pids = findRedisServers(orphanDir);
      return pids.length === 3 ? pids : null;
    });
    // A SIGKILLed dashboard's lock names a pid that is gone, which the next start takes over; this process is
    // alive, so its claim is removed as a dead owner's would be set aside.
    rmSync(path.join(orphanDir, LOCK_FILE));
    const next = new LocalReplicationPlatform(options(150, 300));
    try {
      // Inside the try: a start that fails must not leave the orphans running past the test.
      await next.start();
      await until("only the new pods", async () => {
        const pids = findRedisServers(orphanDir);
        return pids.length === 3 ? pids : null;
      });
      expect(findRedisServers(orphanDir).filter((p) => orphans.includes(p))).toEqual([]);
      expect(next.pods().every((p) => p.phase === "Running")).toBe(true);
    } finally {
      await next.stop();
      await killed.stop();
    }
    expect(findRedisServers(orphanDir)).toEqual([]);
  });
});
