import { LAB_DEFINITIONS } from "@/lib/labs";
import { replicationKubeChart } from "@/lib/labs/replication/kubeChart";
import { onTestNet } from "../../scripts/testNet";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { translator } from "@/lib/i18n/catalogue";
import type { AofSnapshot } from "@/lib/aof/aofSnapshot";
import { parseInfoReplication } from "@/lib/replicationInfo";
import type { PodState } from "@/lib/types";
import { Engine } from "@/server/engine";
import { createKubernetesPlatform, type KubernetesPlatform } from "@/server/platform/kubernetes";
import { FakeKubeApi, type RoleRule } from "@/server/platform/kubernetes/testing/fakeKubeApi";
import { LocalReplicationPlatform } from "@/server/platform/local/replicationPods";
import type { Platform } from "@/server/platform/types";
import { oneShot } from "@/server/redis/connect";
import { waitFor } from "./harness";

// Lab A on the kubernetes platform against real redis-server pods. A LocalReplicationPlatform runs the bitnami
// redis chart's three pods on loopback IPs (its replicas follow the master's stable name, as the chart's do
// through the headless Service); the fake API server lists them as the chart's StatefulSet pods in redis-mr,
// with `redis-data` a PVC (persistence on) or an emptyDir. A bridge plays the kubelet and the StatefulSet
// controller (an API DELETE stops the real redis-server; its lifecycle is mirrored into the API) and the
// kubelet's side of `pods/exec` (the fixed `ls -l`/`cat` run against the local pod's data dir, where the
// chart mounts /data). The engine sees only the kubernetes platform.

const NS = "redis-mr";
const RELEASE = "ds-redis";
const PASSWORD = "new1234";
const MASTER = "ds-redis-master-0";
const REPLICAS = ["ds-redis-replicas-0", "ds-redis-replicas-1"];
const READINESS_PERIOD_MS = 300;
const RESTART_DELAY_MS = 300;
/** Bounds, not expectations: every wait ends as soon as the state it waits for is seen. */
const SYNC_BOUND_MS = 30_000;
const actor = { name: "test" };

/**
 * The Role of deploy/kubernetes/replication/rbac.yaml, with or without `pods/exec`, or with `create` alone
 * (what most guides grant, and what a 1.28 API server, which this fake is, refuses for a websocket exec).
 */
function role(withExec: boolean | "create-only"): RoleRule[] {
  const execVerbs = withExec === "create-only" ? ["create"] : ["get", "create"];
  return [
    { apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch", "delete"] },
    { apiGroups: [""], resources: ["pods/log"], verbs: ["get"] },
    ...(withExec ? [{ apiGroups: [""], resources: ["pods/exec"], verbs: execVerbs }] : []),
    { apiGroups: [""], resources: ["secrets"], verbs: ["get"], resourceNames: ["ds-redis"] },
  ];
}

interface Lab {
  local: LocalReplicationPlatform;
  fake: FakeKubeApi;
  platform: Platform & KubernetesPlatform;
  engine: Engine;
  bridgeErrors: string[];
  stopEngine(): Promise<void>;
  close(): Promise<void>;
}

async function startLab(persistence: boolean, ipPrefix: string): Promise<Lab> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "failover-lab-it-k8s-mr-"));
  const bridgeErrors: string[] = [];
  const deleteGrace = new Map<string, number | null>();
  const local = new LocalReplicationPlatform({
    dataDir,
    password: PASSWORD,
    persistence,
    readinessPeriodMs: READINESS_PERIOD_MS,
    restartDelayMs: RESTART_DELAY_MS,
    ipPrefix,
    ipStart: 10,
  });
  await local.start();
  await waitFor("the three real pods ready", () => local.pods().every((p) => p.ready), 10_000);

  // The seed installs the master with a PVC and the replicas without (`replica.persistence.enabled=false`).
  const persistent = (name: string) => name === MASTER && persistence;
  const fake = new FakeKubeApi({
    onDelete: (pod, grace) => {
      deleteGrace.set(pod.name, grace);
      local
        .deletePod(pod.name, grace === 0 ? "crash" : "graceful")
        .catch((err: Error) => bridgeErrors.push(err.message));
    },
    onExec: async (pod, command) => {
      // The kubelet runs the command in the container; the container's /data is the local pod's dir.
      const [bin, ...args] = command;
      if (!["ls", "cat", "tail"].includes(bin) || pod.container !== "redis")
        return { stdout: Buffer.alloc(0), stderr: `unexpected exec ${command.join(" ")}`, exitCode: 126 };
      const mapped = args.map((a) => (a.startsWith("/data") ? local.podDir(pod.name) + a.slice(5) : a));
      return new Promise((resolve) =>
        execFile(
          bin,
          mapped,
          { encoding: "buffer", env: { ...process.env, LC_ALL: "C" } },
          (err, stdout, stderr) =>
            resolve({
              stdout,
              stderr: stderr.toString("utf8"),
              exitCode: err ? Number((err as { code?: number }).code ?? 1) : 0,
            }),
        ),
      );
    },
  });
  await fake.start();
  fake.rules = role(true);
  for (const lp of local.pods())
    fake.addPod({
      name: lp.name,
      namespace: NS,
      chart: "redis",
      ip: lp.ip,
      ready: true,
      persistent: persistent(lp.name),
    });
  fake.addSecret(NS, RELEASE, { "redis-password": Buffer.from(PASSWORD).toString("base64") });
  // Not ours: the seed's client pod in the same namespace.
  fake.addPod({ name: "redis-client", namespace: NS, ip: "10.42.2.99", labels: { app: "redis-client" } });

  const mirror = (pods: PodState[]) => {
    for (const lp of pods) {
      const name = lp.name;
      const fp = fake.pod(name, NS);
      if (lp.phase === "Terminating") {
        if (!fp || fp.metadata.deletionTimestamp) continue;
        if (deleteGrace.get(name) === 0) fake.removePod(name, NS);
        else fake.terminatePod(name, NS);
      } else if (lp.phase === "Pending") {
        if (fp?.metadata.deletionTimestamp) fake.removePod(name, NS);
        if (!fake.pod(name, NS))
          fake.addPod({
            name,
            namespace: NS,
            chart: "redis",
            ip: null,
            ready: false,
            persistent: persistent(name),
          });
      } else if (lp.phase === "Running" && lp.ip) {
        if (!fp || fp.metadata.deletionTimestamp) continue;
        if (fp.status.podIP !== lp.ip) fake.runPod(name, lp.ip, NS);
        const ready = fake
          .pod(name, NS)
          .status.conditions.some(
            (c: { type: string; status: string }) => c.type === "Ready" && c.status === "True",
          );
        if (ready !== lp.ready) fake.setReady(name, lp.ready, NS);
      }
    }
  };
  local.onPods(mirror);

  const config = parseConfig({
    DASHBOARD_PLATFORM: "kubernetes",
    DASHBOARD_LAB: "replication",
    KUBE_RELEASE: RELEASE,
    KUBE_REACH: "pod-ip",
    PROBE_INTERVAL_MS: "100",
  });
  expect(config.kubeNamespace).toBe(NS);
  const platform = await createKubernetesPlatform(
    {
      namespace: config.kubeNamespace,
      release: config.kubeRelease,
      chart: LAB_DEFINITIONS[config.lab].kube,
      reach: config.kubeReach,
      password: config.redisPassword,
    },
    {
      kubeConfig: fake.kubeConfig(),
      redisCheckTimeoutMs: 2000,
      readinessProbePeriodMs: READINESS_PERIOD_MS,
      watch: { backoffMinMs: 5, backoffMaxMs: 50 },
    },
  );
  const engine = new Engine(platform, config);
  await engine.start();
  let engineStopped = false;
  const stopEngine = async () => {
    if (!engineStopped) await engine.stop();
    engineStopped = true;
  };
  return {
    local,
    fake,
    platform,
    engine,
    bridgeErrors,
    stopEngine,
    async close() {
      await stopEngine();
      await local.stop();
      await fake.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `redis-cli -h <pod IP> get a` on a pod, at the IP the API gives it. */
async function readOn(lab: Lab, pod: string, key: string): Promise<string | null> {
  const ip = lab.fake.pod(pod, NS).status.podIP as string;
  return oneShot({ host: ip, port: 6379 }, PASSWORD, 2000, (r) => r.get(key));
}

/** Every replica follows the master at its current API IP, linked, with the master's replid. */
async function replicasFollow(lab: Lab, masterIp: string): Promise<void> {
  for (const r of REPLICAS) {
    await waitFor(
      `${r} linked to the master at ${masterIp}`,
      async () => {
        const ip = lab.fake.pod(r, NS)?.status.podIP as string | undefined;
        if (!ip) return false;
        const [mine, master] = await Promise.all([
          oneShot({ host: ip, port: 6379 }, PASSWORD, 1000, (c) => c.info("replication")),
          oneShot({ host: masterIp, port: 6379 }, PASSWORD, 1000, (c) => c.info("replication")),
        ]).catch(() => [null, null]);
        if (!mine || !master) return false;
        const i = parseInfoReplication(mine);
        return (
          i.masterHost === masterIp &&
          i.linkStatus === "up" &&
          i.replid === parseInfoReplication(master).replid
        );
      },
      SYNC_BOUND_MS,
      100,
    );
  }
}

async function writeSeedValues(lab: Lab) {
  for (const v of ["1111", "2222", "3333"]) {
    const res = await lab.engine.setKey(actor, { key: "a", value: v });
    expect(res.reply).toBe("OK");
    expect(res.command).toContain("ds-redis-master");
  }
}

async function lanesRead(lab: Lab, value: string | null) {
  await waitFor(
    `every replica lane reading ${value ?? "(nil)"}`,
    () => {
      const latest = lab.engine.store.latestSamples();
      return ["replica-0", "replica-1", "replicas-svc"].every((lane) =>
        latest.some(
          (s) =>
            s.lane === lane &&
            s.key === "a" &&
            (value === null ? s.outcome === "nil" : s.outcome === "ok" && s.value === value),
        ),
      );
    },
    SYNC_BOUND_MS,
  );
}

/** The decoded commands of every file, as the viewer lists them (`set a 3333`). */
const commandsOf = (snap: AofSnapshot) =>
  snap.dir.files.flatMap((f) =>
    f.decoded?.kind === "aof" ? f.decoded.commands.map((c) => c.args.map((a) => a.text).join(" ")) : [],
  );

async function deleteMasterAndWait(lab: Lab): Promise<string> {
  const oldIp = lab.fake.pod(MASTER, NS).status.podIP as string;
  lab.engine.deletePod(actor, { pod: MASTER, mode: "graceful" });
  const del = await waitFor(
    "the API DELETE of the master",
    () => lab.fake.requests.find((r) => r.method === "DELETE"),
    5000,
  );
  expect(del.path).toBe(`/api/v1/namespaces/${NS}/pods/${MASTER}`);
  const recreated = await waitFor(
    "the master recreated at a new IP, as the API says",
    () => {
      const p = lab.engine.store.pods.find((x) => x.name === MASTER);
      return p?.phase === "Running" && p.ready && !!p.ip && p.ip !== oldIp && p;
    },
    SYNC_BOUND_MS,
  );
  await waitFor("the action lock released", () => !lab.engine.store.busy, 5000);
  await replicasFollow(lab, recreated.ip!);
  return recreated.ip!;
}

describe("lab A on kubernetes, persistence off (redis-data an emptyDir)", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab(false, onTestNet("127.43.40"));
  });
  afterAll(async () => {
    await lab?.close();
  });

  it("reads persistence from the pods' volumes and reaches the chart's Services", async () => {
    expect(lab.platform.lab).toBe("replication");
    expect(lab.platform.persistence).toBe(false);
    expect(lab.engine.store.settings.persistence).toBe(false);
    expect(lab.engine.store.pods.map((p) => p.name)).toEqual([MASTER, ...REPLICAS]);
    expect(lab.platform.serviceName("master")).toBe("ds-redis-master");
    expect(lab.platform.serviceName("replicas")).toBe("ds-redis-replicas");
    expect(lab.platform.serviceAddress("master")?.host).toBe(lab.fake.pod(MASTER, NS).status.podIP);
    expect(lab.platform.aofUnavailable()).toBeNull();
  });

  it("the AOF viewer reads the master's appendonlydir/ through pods/exec, with a fixed command", async () => {
    await writeSeedValues(lab);
    const snap = await waitFor(
      "set a 3333 in the AOF",
      async () => {
        const s = await lab.engine.aof();
        return commandsOf(s).includes("set a 3333") && s;
      },
      SYNC_BOUND_MS,
      200,
    );
    expect(snap.pod).toBe(MASTER);
    expect(snap.unavailable ?? null).toBeNull();
    expect(snap.dir.manifestName).toBe("appendonly.aof.manifest");
    expect(commandsOf(snap)).toEqual(expect.arrayContaining(["SELECT 0", "set a 1111", "set a 2222"]));
    const execs = lab.fake.execs;
    expect(execs.length).toBeGreaterThan(0);
    for (const e of execs) {
      expect(e.pod).toBe(MASTER);
      expect(e.container).toBe("redis");
      expect(e.allowed).toBe(true);
      const [bin, ...args] = e.command;
      if (bin === "ls") expect(args).toEqual(["-l", "/data/appendonlydir"]);
      else {
        expect(bin).toBe("cat");
        expect(args).toHaveLength(1);
        expect(args[0]).toMatch(/^\/data\/appendonlydir\/appendonly\.aof\.[\w.]+$/);
      }
    }
  });

  it("delete the master: it comes back empty at a new IP, the replicas follow it there and read (nil)", async () => {
    // Replication is asynchronous: the write has reached each replica once redis-cli there reads it.
    for (const r of REPLICAS)
      await waitFor(
        `${r} reading 3333`,
        async () => (await readOn(lab, r, "a")) === "3333",
        SYNC_BOUND_MS,
        100,
      );
    await lanesRead(lab, "3333");
    const newIp = await deleteMasterAndWait(lab);
    expect(newIp.startsWith(onTestNet("127.43.40"))).toBe(true);
    // redis-cli on each replica pod: the full resync from the empty master took the value.
    for (const r of REPLICAS) expect(await readOn(lab, r, "a")).toBeNull();
    await lanesRead(lab, null);
    const snap = await lab.engine.aof();
    expect(commandsOf(snap)).not.toContain("set a 3333");
    expect(lab.bridgeErrors).toEqual([]);
  });

  it.each([false, "create-only"] as const)(
    "a Role with pods/exec %s: the viewer says why it is empty, naming both verbs",
    async (exec) => {
      lab.fake.rules = role(exec);
      const snap = await lab.engine.aof();
      expect(snap.dir.files).toEqual([]);
      expect(snap.unavailable).toEqual({
        reason: "exec-forbidden",
        permission: "get pods/exec, create pods/exec",
        namespace: NS,
      });
      expect(lab.fake.execs.at(-1)?.allowed).toBe(false);
      const sentence = translator("en")("replication.aofExecForbidden", {
        permission: "get pods/exec, create pods/exec",
        namespace: NS,
      });
      expect(sentence).toContain("get pods/exec, create pods/exec");
      expect(sentence).toContain(NS);
      lab.fake.rules = role(true);
    },
  );
});

describe("lab A on kubernetes, persistence on (redis-data a PVC)", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab(true, onTestNet("127.43.41"));
  });
  afterAll(async () => {
    await lab?.close();
  });

  it("delete the master: it comes back with its AOF, the replicas keep the value", async () => {
    expect(lab.platform.persistence).toBe(true);
    expect(lab.engine.store.settings.persistence).toBe(true);
    await writeSeedValues(lab);
    for (const r of REPLICAS)
      await waitFor(`${r} reading 3333`, async () => (await readOn(lab, r, "a")) === "3333", SYNC_BOUND_MS);
    await deleteMasterAndWait(lab);
    // A replica answers LOADING while it resyncs; the value it then holds is what counts.
    for (const r of REPLICAS)
      await waitFor(
        `${r} reading 3333 again`,
        async () => (await readOn(lab, r, "a").catch(() => null)) === "3333",
        SYNC_BOUND_MS,
        100,
      );
    expect(await readOn(lab, MASTER, "a")).toBe("3333");
    await lanesRead(lab, "3333");
    const snap = await lab.engine.aof();
    expect(commandsOf(snap)).toContain("set a 3333");
    expect(lab.bridgeErrors).toEqual([]);
  });

  it("an incr file over 64 KB: only its tail is fetched (tail -c) and decoded, from a byte it names", async () => {
    // Beyond the write box's 512 bytes: as redis-cli would write it, on the master pod.
    const masterIp = lab.fake.pod(MASTER, NS).status.podIP as string;
    await oneShot({ host: masterIp, port: 6379 }, PASSWORD, 2000, (r) => r.set("big", "x".repeat(70_000)));
    await lab.engine.setKey(actor, { key: "a", value: "4444" });
    const snap = await waitFor(
      "set a 4444 in the AOF's tail",
      async () => {
        const s = await lab.engine.aof();
        return commandsOf(s).includes("set a 4444") && s;
      },
      SYNC_BOUND_MS,
      200,
    );
    const incr = snap.dir.files.find((f) => f.type === "incr" && f.tail)!;
    expect(incr.bytes).toBeGreaterThan(70_000);
    expect(incr.tail!.offset).toBeGreaterThan(incr.bytes - 64 * 1024);
    // The 70 KB value is before the window: the tail starts at the next whole command.
    expect(commandsOf(snap).some((c) => c.startsWith("set big"))).toBe(false);
    const tailExec = lab.fake.execs.find((e) => e.command[0] === "tail");
    expect(tailExec?.command).toEqual(["tail", "-c", "65536", `/data/appendonlydir/${incr.name}`]);
  });

  it("started under a Role without pods/exec: the start-up check finds it, the lab runs, nothing is exec'd", async () => {
    // The running engine's viewer would exec (and be refused) meanwhile; only the new platform is watched.
    await lab.stopEngine();
    // A read the viewer had in flight when it stopped finishes its execs; count once none came for a while.
    let seen = -1;
    await waitFor(
      "the stopped viewer's last execs",
      async () => {
        const n = lab.fake.execs.length;
        await new Promise((r) => setTimeout(r, 500));
        const quiet = n === seen && n === lab.fake.execs.length;
        seen = lab.fake.execs.length;
        return quiet;
      },
      10_000,
      0,
    );
    lab.fake.rules = role(false);
    const before = lab.fake.execs.length;
    const second = await createKubernetesPlatform(
      { namespace: NS, release: RELEASE, chart: replicationKubeChart, reach: "pod-ip" },
      { kubeConfig: lab.fake.kubeConfig(), checkRedis: false, readinessProbePeriodMs: 0 },
    );
    try {
      await second.start();
      expect(second.pods().map((p) => p.name)).toEqual([MASTER, ...REPLICAS]);
      expect(second.aofUnavailable()).toEqual({
        reason: "exec-forbidden",
        permission: "get pods/exec, create pods/exec",
        namespace: NS,
      });
      await expect(second.aofFiles(MASTER)).rejects.toMatchObject({
        unavailable: { reason: "exec-forbidden" },
      });
      expect(lab.fake.execs.length).toBe(before);
    } finally {
      await second.stop();
      lab.fake.rules = role(true);
    }
  });
});

describe("lab A on kubernetes: switching labs observes another release, or changes nothing", () => {
  let lab: Lab;
  let kubeconfigDir: string;
  const savedKubeconfig = process.env.KUBECONFIG;
  beforeAll(async () => {
    lab = await startLab(false, onTestNet("127.43.42"));
    // The switch builds its platform from the config, as production does: the fake's kubeconfig on disk.
    kubeconfigDir = mkdtempSync(path.join(tmpdir(), "kubeconfig-"));
    const file = path.join(kubeconfigDir, "config");
    writeFileSync(file, lab.fake.kubeConfig().exportConfig());
    process.env.KUBECONFIG = file;
  });
  afterAll(async () => {
    if (savedKubeconfig === undefined) delete process.env.KUBECONFIG;
    else process.env.KUBECONFIG = savedKubeconfig;
    await lab?.close();
    if (kubeconfigDir) rmSync(kubeconfigDir, { recursive: true, force: true });
  });

  it("refuses a switch to a lab whose release is not installed, and the running lab keeps being observed", async () => {
    const before = lab.engine.platform;
    const err = await lab.engine.switchLab(actor, { lab: "cluster" }).then(
      () => null,
      (e: { code?: string; message?: string }) => e,
    );
    expect(err?.code).toBe("lab_unavailable");
    expect(err?.message).toContain("cannot switch to the cluster lab: redis-cluster/ds-redis");
    expect(err?.message).toContain("the replication lab keeps running");
    expect(lab.engine.platform).toBe(before);
    expect(lab.engine.store.lab.lab).toBe("replication");
    expect(lab.engine.store.busy).toBeFalsy();
    // Still watched: a pod change in the API reaches the store.
    lab.fake.setReady(REPLICAS[1], false, NS);
    await waitFor(
      "the replica's readiness change observed",
      () => lab.engine.store.pods.find((p) => p.name === REPLICAS[1])?.ready === false,
      SYNC_BOUND_MS,
    );
  });

  it("refuses a persistence choice in a switch: the chart's values decide it there", async () => {
    const before = lab.engine.platform;
    const err = await lab.engine.switchLab(actor, { lab: "cluster", persistence: true }).then(
      () => null,
      (e: { code?: string; status?: number; message?: string }) => e,
    );
    expect(err?.code).toBe("invalid_request");
    expect(err?.status).toBe(400);
    expect(err?.message).toContain("reads it from the pods' volumes");
    expect(lab.engine.platform).toBe(before);
    expect(lab.engine.store.busy).toBeFalsy();
  });

  it("refuses a reset and says how to reinstall the release with its volumes deleted", async () => {
    const err = await lab.engine.resetLab(actor, {}).then(
      () => null,
      (e: { code?: string; message?: string }) => e,
    );
    expect(err?.code).toBe("cannot_reset");
    expect(err?.message).toContain("helm -n redis-mr uninstall ds-redis");
    expect(err?.message).toContain("kubectl -n redis-mr delete pvc -l app.kubernetes.io/instance=ds-redis");
  });

  it("switches to the cluster chart's release in its own namespace, deleting nothing of lab A", async () => {
    for (let i = 0; i < 6; i++)
      lab.fake.addPod({
        name: `ds-redis-redis-cluster-${i}`,
        namespace: "redis-cluster",
        ip: lab.fake.pod(MASTER, NS).status.podIP,
        ready: true,
      });
    lab.fake.addSecret("redis-cluster", "ds-redis-redis-cluster", {
      "redis-password": Buffer.from(PASSWORD).toString("base64"),
    });
    // Both labs' Roles (deploy/kubernetes/rbac.yaml grants the cluster chart's secret).
    lab.fake.rules = [
      ...role(true),
      { apiGroups: [""], resources: ["secrets"], verbs: ["get"], resourceNames: ["ds-redis-redis-cluster"] },
    ];
    const info = await lab.engine.switchLab(actor, { lab: "cluster" });
    expect(info.lab).toBe("cluster");
    expect(lab.engine.platform.scope).toBe("redis-cluster/ds-redis");
    expect(lab.engine.store.pods.map((p) => p.name)).toContain("ds-redis-redis-cluster-0");
    expect(lab.fake.pod(MASTER, NS)).toBeTruthy();
    const back = await lab.engine.switchLab(actor, { lab: "replication" });
    expect(back.lab).toBe("replication");
    expect(lab.engine.store.pods.map((p) => p.name)).toEqual([MASTER, ...REPLICAS]);
  });
});
