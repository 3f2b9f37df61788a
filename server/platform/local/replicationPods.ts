import { liveLabs } from "./localPlatform";
import { hostname } from "node:os";
import type { ChildProcess } from "node:child_process";
import { readFile, readdir } from "node:fs/promises";
import { rmSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import type { DeleteMode, PodState } from "@/lib/types";
import { oneShot } from "../../redis/connect";
import type { Platform, RedisAddress } from "../types";
import { claimDataDir } from "./dataDirLock";
import type { LocalPodOptions } from "./podOptions";
import { killLeftovers } from "./leftovers";
import { startRedisProcess } from "./redisProcess";
import { localScope } from "./scope";

export interface LocalReplicationOptions extends LocalPodOptions {
  ipStart: number;
  /** Written to the master once the lab is up; the seed starts empty. */
  keys?: Record<string, string>;
  release?: string;
}

export type ReplicationService = "master" | "replicas";

const REDIS_PORT = 6379;
const LOG_HISTORY = 300;
/** The chart's readiness failureThreshold: a ready pod turns 0/1 only after this many failed probes. */
const READINESS_FAILURES = 5;

interface ReplicationPod {
  state: PodState;
  role: "master" | "replica";
  proc: ChildProcess | null;
  /** Set while the pod is being deleted, so the exit is not mistaken for a container crash. */
  deleting: boolean;
  readinessFailures: number;
  log: string[];
}

/**
 * Lab A's pods, played by `redis-server` children the way the bitnami redis chart runs them: one master
 * StatefulSet pod `<release>-master-0` and two replica pods `<release>-replicas-0/1`, with the chart's
 * `appendonly yes` (so the master always writes an AOF; only with persistence does that dir survive), stable
 * names, a new loopback IP for every incarnation, and the chart's readiness probes.
 *
 * The replicas follow the master by name: the chart starts them with
 * `--replicaof <release>-master-0.<release>-headless.<ns>.svc.cluster.local 6379`, and Redis resolves that
 * name again on every reconnect, so a master recreated at a new pod IP is found there. Loopback addresses
 * have no DNS name we can repoint, so the platform plays the resolver: whenever the master's IP differs from
 * what a replica follows, it sends that replica `REPLICAOF <master ip> 6379` — after the master starts, and
 * on every readiness round, as a replica's reconnect loop would re-resolve the name.
 */
export class LocalReplicationPlatform implements Platform {
  readonly kind = "local" as const;
  readonly lab = "replication" as const;
  readonly scope: string;
  readonly password: string;
  private o: LocalReplicationOptions;
  private readonly absDir: string;
  private readonly release: string;
  private readonly masterName: string;
  private readonly podMap = new Map<string, ReplicationPod>();
  private readonly podListeners = new Set<(pods: PodState[]) => void>();
  private readonly logListeners = new Map<string, Set<(line: string) => void>>();
  private nextIp: number;
  /** The address the master's stable name resolves to: its current IP, or its last one while it is away. */
  private masterIp: string | null = null;
  private replicaTurn = 0;
  private stopped = false;
  private readinessTimer: NodeJS.Timeout | null = null;
  private readinessGeneration = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private releaseDataDir: (() => void) | null = null;

  constructor(o: LocalReplicationOptions) {
    this.o = o;
    this.password = o.password;
    this.absDir = path.resolve(o.dataDir);
    this.release = o.release ?? "ds-redis";
    this.scope = localScope(this.absDir, process.cwd());
    this.nextIp = o.ipStart;
    this.masterName = `${this.release}-master-0`;
    const names: [string, ReplicationPod["role"]][] = [
      [this.masterName, "master"],
      [`${this.release}-replicas-0`, "replica"],
      [`${this.release}-replicas-1`, "replica"],
    ];
    for (const [name, role] of names) {
      this.podMap.set(name, {
        role,
        proc: null,
        deleting: false,
        readinessFailures: 0,
        log: [],
        state: {
          name,
          ip: null,
          phase: "Pending",
          ready: false,
          readyReason: null,
          restarts: 0,
          // kubectl's NODE column: every local pod runs on this machine.
          node: hostname(),
          createdAt: 0,
        },
      });
    }
  }

  get persistence(): boolean {
    return this.o.persistence;
  }

  /**
   * Makes the data dir this process's, as lab B's LocalPlatform does (see claimDataDir): a second dashboard
   * on it must not kill these pods as its leftovers. Throws, having changed nothing, when another owns it.
   */
  claimDataDir(): void {
    this.releaseDataDir ??= claimDataDir(this.absDir);
  }

  async start(): Promise<void> {
    this.claimDataDir();
    liveLabs.add(this);
    killLeftovers(this.absDir);
    rmSync(this.podsRoot(), { recursive: true, force: true });
    // The replicas start pointing at the master's address, so it must have one first.
    await this.launch(this.master());
    await Promise.all(this.replicas().map((p) => this.launch(p)));
    await this.waitForReplicasLinked(10_000);
    const keys = Object.entries(this.o.keys ?? {});
    if (keys.length > 0) {
      await oneShot(this.address(this.master())!, this.password, 2000, async (r) => {
        for (const [k, v] of keys) await r.set(k, v);
      });
    }
    await Promise.all([...this.podMap.values()].map((p) => this.probeReadiness(p)));
    this.scheduleReadiness();
  }

  async reset(opts: { persistence?: boolean }): Promise<void> {
    await this.stop();
    if (opts.persistence !== undefined) this.o = { ...this.o, persistence: opts.persistence };
    this.stopped = false;
    this.nextIp = this.o.ipStart;
    this.masterIp = null;
    for (const pod of this.podMap.values()) {
      Object.assign(pod, { deleting: false, readinessFailures: 0 });
      this.update(pod, {
        phase: "Pending",
        ip: null,
        ready: false,
        readyReason: "ContainerCreating",
        restarts: 0,
      });
    }
    await this.start();
  }

  async stop(): Promise<void> {
    liveLabs.delete(this);
    this.stopped = true;
    if (this.readinessTimer) clearTimeout(this.readinessTimer);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.all([...this.podMap.values()].map((p) => this.terminate(p, "SIGKILL")));
    // A fork a master made to send a replica its copy (or to rewrite the AOF) can outlive it for a moment;
    // it works in the pod's dir, so it is found there and goes with its pod.
    killLeftovers(this.podsRoot());
    this.releaseDataDir?.();
    this.releaseDataDir = null;
  }

  /** For process exit handlers, where nothing asynchronous runs any more. */
  killAllSync(): void {
    this.stopped = true;
    for (const p of this.podMap.values()) p.proc?.kill("SIGKILL");
    this.releaseDataDir?.();
    this.releaseDataDir = null;
  }

  pods(): PodState[] {
    return [...this.podMap.values()]
      .map((p) => ({ ...p.state }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  onPods(listener: (pods: PodState[]) => void): () => void {
    this.podListeners.add(listener);
    return () => this.podListeners.delete(listener);
  }

  ownsPod(name: string): boolean {
    return this.podMap.has(name);
  }

  async deletePod(name: string, mode: DeleteMode): Promise<void> {
    const pod = this.podMap.get(name);
    if (!pod) throw new Error(`pod "${name}" is not a pod of release ${this.release}`);
    if (pod.deleting || pod.state.phase !== "Running")
      throw new Error(`pod "${name}" is already being replaced`);
    pod.deleting = true;
    this.update(pod, { phase: "Terminating", ready: false, readyReason: "Terminating" });
    await this.terminate(pod, mode === "crash" ? "SIGKILL" : "SIGTERM");
    if (this.stopped) return;
    this.update(pod, { phase: "Pending", ip: null, readyReason: "ContainerCreating" });
    await this.sleep(this.o.restartDelayMs);
    if (this.stopped) return;
    if (!this.keepsData(pod)) rmSync(this.podDir(pod.state.name), { recursive: true, force: true });
    pod.readinessFailures = 0;
    pod.deleting = false;
    await this.launch(pod);
  }

  followLog(name: string, onLine: (line: string) => void): () => void {
    const pod = this.podMap.get(name);
    if (!pod) throw new Error(`pod "${name}" is not a pod of release ${this.release}`);
    for (const line of pod.log) onLine(line);
    let set = this.logListeners.get(name);
    if (!set) this.logListeners.set(name, (set = new Set()));
    set.add(onLine);
    return () => set.delete(onLine);
  }

  resolve(podIp: string, port: number): RedisAddress {
    return { host: podIp, port };
  }

  /**
   * The chart's Services: `<release>-master` reaches the master while it is ready; `<release>-replicas` a
   * ready replica, taking turns as kube-proxy spreads connections. Null when the Service has no endpoint.
   */
  serviceAddress(service: ReplicationService): RedisAddress | null {
    if (service === "master") {
      const m = this.master();
      return m.state.ready ? this.address(m) : null;
    }
    const ready = this.replicas().filter((p) => p.state.ready && p.state.ip);
    if (ready.length === 0) return null;
    return this.address(ready[this.replicaTurn++ % ready.length]);
  }

  /** `redis-cli -h <release>-master` / `-h <release>-replicas`: the Service names, for the UI. */
  serviceName(service: ReplicationService): string {
    return `${this.release}-${service}`;
  }

  /** A pod's `/data`: its emptyDir, or (the master with persistence) its PVC. The AOF is in `appendonlydir/`. */
  podDir(name: string): string {
    return path.join(this.podsRoot(), name);
  }

  /**
   * The files of a pod's `appendonlydir/`, for the AOF viewer (`describeAofDir`). Empty when the dir is
   * gone (an emptyDir wiped with its pod). Read while Redis appends: the last file may end mid-command.
   */
  async aofFiles(name: string): Promise<{ name: string; data: Uint8Array }[]> {
    if (!this.podMap.has(name)) throw new Error(`pod "${name}" is not a pod of release ${this.release}`);
    const dir = path.join(this.podDir(name), "appendonlydir");
    const names = await readdir(dir).catch(() => [] as string[]);
    const files = await Promise.all(
      names.map(async (f) => {
        // A rewrite renames and deletes files as we list them: a vanished one is simply not shown.
        const data = await readFile(path.join(dir, f)).catch(() => null);
        return data ? { name: f, data: new Uint8Array(data) } : null;
      }),
    );
    return files.filter((f) => f !== null);
  }

  private podsRoot(): string {
    return path.join(this.absDir, "replication");
  }

  /** As in the seed's install: only the master has a PVC (`replica.persistence.enabled=false`). */
  private keepsData(pod: ReplicationPod): boolean {
    return pod.role === "master" && this.o.persistence;
  }

  private master(): ReplicationPod {
    return this.podMap.get(this.masterName)!;
  }

  private replicas(): ReplicationPod[] {
    return [...this.podMap.values()].filter((p) => p.role === "replica");
  }

  private address(pod: ReplicationPod): RedisAddress | null {
    return pod.state.ip ? { host: pod.state.ip, port: REDIS_PORT } : null;
  }

  private async launch(pod: ReplicationPod): Promise<void> {
    const ip = this.allocateIp();
    pod.log = [];
    this.update(pod, {
      phase: "Running",
      ip,
      ready: false,
      // Like a kubelet before the first probe: not ready, with no probe output to show yet.
      readyReason: null,
      createdAt: Date.now(),
    });
    if (pod.role === "master") this.masterIp = ip;
    this.spawnRedis(pod);
    await waitForRedis({ host: ip, port: REDIS_PORT }, this.password, 10_000);
    if (pod.role === "master") await this.repointReplicas();
  }

  /** A new address for every incarnation; never one in use, nor the one the replicas may still follow. */
  private allocateIp(): string {
    const taken = new Set([...this.podMap.values()].map((p) => p.state.ip));
    taken.add(this.masterIp);
    for (;;) {
      if (this.nextIp > 254) this.nextIp = this.o.ipStart;
      const ip = `${this.o.ipPrefix}.${this.nextIp++}`;
      if (!taken.has(ip)) return ip;
    }
  }

  private spawnRedis(pod: ReplicationPod): void {
    const follow =
      pod.role === "replica" && this.masterIp ? ["--replicaof", this.masterIp, String(REDIS_PORT)] : [];
    const proc = startRedisProcess({
      ip: pod.state.ip!,
      port: REDIS_PORT,
      dir: this.podDir(pod.state.name),
      password: this.password,
      nodeTimeoutMs: 0,
      cluster: false,
      appendonly: true,
      extra: follow,
    });
    pod.proc = proc;
    for (const stream of [proc.stdout!, proc.stderr!]) {
      createInterface({ input: stream }).on("line", (line) => this.logLine(pod, line));
    }
    proc.on("exit", (code, signal) => {
      if (pod.proc !== proc) return;
      pod.proc = null;
      if (pod.deleting || this.stopped) return;
      // Redis died on its own: the kubelet restarts the container in place, same IP, same emptyDir.
      this.logLine(
        pod,
        `[failover-lab] redis-server exited (${signal ?? `code ${code}`}); restarting container`,
      );
      this.update(pod, {
        ready: false,
        readyReason: "container restarting",
        restarts: pod.state.restarts + 1,
      });
      const t = setTimeout(() => {
        this.timers.delete(t);
        if (!this.stopped && !pod.deleting && !pod.proc) this.spawnRedis(pod);
      }, this.o.restartDelayMs);
      this.timers.add(t);
    });
  }

  /** The resolver's part: every running replica follows the master's current IP. */
  private async repointReplicas(): Promise<void> {
    const target = this.masterIp;
    if (!target) return;
    await Promise.all(
      this.replicas().map(async (pod) => {
        const addr = this.address(pod);
        if (!addr || !pod.proc || pod.deleting) return;
        try {
          await oneShot(addr, this.password, 2000, async (r) => {
            const info = (await r.info("replication")) as string;
            if (/^master_host:(.*)$/m.exec(info)?.[1]?.trim() !== target)
              await r.call("REPLICAOF", target, String(REDIS_PORT));
          });
        } catch {
          // The replica is starting or going away; the next readiness round tries again.
        }
      }),
    );
  }

  private async waitForReplicasLinked(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const pod of this.replicas()) {
      for (;;) {
        const info = await oneShot(this.address(pod)!, this.password, 1000, (r) =>
          r.info("replication"),
        ).catch(() => "");
        if (/^master_link_status:up/m.test(info)) break;
        if (Date.now() > deadline) throw new Error(`${pod.state.name} did not link to the master`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  private logLine(pod: ReplicationPod, line: string): void {
    pod.log.push(line);
    if (pod.log.length > LOG_HISTORY) pod.log.shift();
    for (const l of this.logListeners.get(pod.state.name) ?? []) l(line);
  }

  private terminate(pod: ReplicationPod, signal: NodeJS.Signals): Promise<void> {
    const proc = pod.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const escalate = setTimeout(() => proc.kill("SIGKILL"), 10_000);
      proc.once("exit", () => {
        clearTimeout(escalate);
        resolve();
      });
      proc.kill(signal);
    });
  }

  private scheduleReadiness(generation = ++this.readinessGeneration): void {
    // A probe round still in flight when the lab is reset must not start a second loop.
    if (this.stopped || generation !== this.readinessGeneration) return;
    this.readinessTimer = setTimeout(async () => {
      await this.repointReplicas();
      await Promise.all([...this.podMap.values()].map((p) => this.probeReadiness(p)));
      this.scheduleReadiness(generation);
    }, this.o.readinessPeriodMs);
  }

  /**
   * The chart's probes: the master runs `ping_readiness_local.sh` (PING must answer PONG, so LOADING is not
   * ready); a replica runs `ping_readiness_local_and_master.sh`, which also PINGs the master by its name.
   * Success marks ready at once; a ready pod turns 0/1 after five failures in a row.
   */
  private async probeReadiness(pod: ReplicationPod): Promise<void> {
    const addr = this.address(pod);
    if (pod.state.phase !== "Running" || !addr || pod.deleting) return;
    const timeout = Math.min(2000, this.o.readinessPeriodMs);
    let reason = await this.ping(addr, timeout);
    if (!reason && pod.role === "replica") {
      const m = this.master();
      const masterAddr = m.state.phase === "Running" ? this.address(m) : null;
      reason = masterAddr
        ? await this.ping(masterAddr, timeout)
        : "master: could not resolve the master's name";
      if (reason && masterAddr) reason = `master: ${reason}`;
    }
    if (pod.deleting || pod.state.ip !== addr.host) return;
    if (!reason) {
      pod.readinessFailures = 0;
      if (!pod.state.ready || pod.state.readyReason) this.update(pod, { ready: true, readyReason: null });
      return;
    }
    pod.readinessFailures++;
    const stillReady = pod.state.ready && pod.readinessFailures < READINESS_FAILURES;
    if (pod.state.ready !== stillReady || pod.state.readyReason !== reason) {
      this.update(pod, { ready: stillReady, readyReason: reason });
    }
  }

  /** Null when PING answered PONG, else what the probe script would print. */
  private async ping(addr: RedisAddress, timeoutMs: number): Promise<string | null> {
    try {
      const pong = await oneShot(addr, this.password, timeoutMs, (r) => r.ping());
      return pong === "PONG" ? null : pong;
    } catch (err) {
      const text = (err as Error).message;
      if (/^LOADING/.test(text)) return text;
      // What the chart's probe prints: redis-cli's own words for a refused server.
      return /timed? ?out/i.test(text)
        ? "Timed out"
        : `Could not connect to Redis at ${addr.host}:${addr.port}: Connection refused`;
    }
  }

  private update(pod: ReplicationPod, patch: Partial<PodState>): void {
    pod.state = { ...pod.state, ...patch };
    const all = this.pods();
    for (const l of this.podListeners) l(all);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }
}

/** Up means answering: PONG, or LOADING while a persisted master reads its AOF (the kubelet sees it start). */
async function waitForRedis(addr: RedisAddress, password: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await oneShot(addr, password, 500, (r) => r.ping());
      return;
    } catch (err) {
      if (/^LOADING/.test((err as Error).message)) return;
      if (Date.now() > deadline)
        throw new Error(`redis-server at ${addr.host}:${addr.port} did not start: ${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
