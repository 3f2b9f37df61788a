import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { decideReadiness } from "@/lib/readiness";
import type { DeleteMode, PodState } from "@/lib/types";
import { oneShot } from "../../redis/connect";
import type { Platform, RedisAddress } from "../types";
import { formCluster } from "./formCluster";
import { killLeftovers } from "./leftovers";
import { startRedisProcess } from "./redisProcess";
import { localScope } from "./scope";

export interface LocalPlatformOptions {
  dataDir: string;
  password: string;
  nodeTimeoutMs: number;
  requireFullCoverage: boolean;
  persistence: boolean;
  readinessPeriodMs: number;
  restartDelayMs: number;
  ipPrefix: string;
  ipStart: number;
  keys: Record<string, string>;
  release?: string;
}

const REDIS_PORT = 6379;
const POD_COUNT = 6;
const LOG_HISTORY = 300;

interface LocalPod {
  state: PodState;
  index: number;
  proc: ChildProcess | null;
  /** Set while the pod is being deleted, so the exit is not mistaken for a container crash. */
  deleting: boolean;
  passedOnce: boolean;
  readinessFailures: number;
  log: string[];
}

/**
 * The embedded lab: six `redis-server` children that behave like the pods of the bitnami redis-cluster
 * StatefulSet — stable names, a new loopback IP each time a pod is recreated, an emptyDir wiped on
 * recreation unless persistence is on, and the chart's readiness probe.
 */
export class LocalPlatform implements Platform {
  readonly kind = "local" as const;
  readonly lab = "cluster" as const;
  readonly scope: string;
  readonly password: string;
  private o: LocalPlatformOptions;
  private readonly absDir: string;
  private readonly release: string;
  private readonly podMap = new Map<string, LocalPod>();
  private readonly podListeners = new Set<(pods: PodState[]) => void>();
  private readonly logListeners = new Map<string, Set<(line: string) => void>>();
  private nextIp: number;
  private stopped = false;
  private readinessTimer: NodeJS.Timeout | null = null;
  private readinessGeneration = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(o: LocalPlatformOptions) {
    this.o = o;
    this.password = o.password;
    this.absDir = path.resolve(o.dataDir);
    this.release = o.release ?? "ds-redis";
    this.scope = localScope(this.absDir, process.cwd());
    this.nextIp = o.ipStart;
    for (let i = 0; i < POD_COUNT; i++) {
      const name = `${this.release}-redis-cluster-${i}`;
      this.podMap.set(name, {
        index: i,
        proc: null,
        deleting: false,
        passedOnce: false,
        readinessFailures: 0,
        log: [],
        state: {
          name,
          ip: null,
          phase: "Pending",
          ready: false,
          readyReason: null,
          restarts: 0,
          createdAt: 0,
          // Every local "pod" is a process on this machine, as NODE on a one-node k3s shows the host.
          node: hostname(),
        },
      });
    }
  }

  async start(): Promise<void> {
    killLeftovers(this.absDir);
    rmSync(path.join(this.absDir, "pods"), { recursive: true, force: true });
    const started = [...this.podMap.values()].map((p) => this.launch(p));
    await Promise.all(started);
    const ips = [...this.podMap.values()].map((p) => p.state.ip!);
    await formCluster(ips, REDIS_PORT, this.password, this.o.keys);
    // The lab is formed: show it 1/1 now rather than after a first readiness period.
    await Promise.all([...this.podMap.values()].map((p) => this.probeReadiness(p)));
    this.scheduleReadiness();
  }

  get persistence(): boolean {
    return this.o.persistence;
  }

  async reset(opts: { persistence?: boolean }): Promise<void> {
    await this.stop();
    if (opts.persistence !== undefined) this.o = { ...this.o, persistence: opts.persistence };
    this.stopped = false;
    this.nextIp = this.o.ipStart;
    for (const pod of this.podMap.values()) {
      Object.assign(pod, { deleting: false, passedOnce: false, readinessFailures: 0 });
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
    this.stopped = true;
    if (this.readinessTimer) clearTimeout(this.readinessTimer);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.all([...this.podMap.values()].map((p) => this.terminate(p, "SIGKILL")));
  }

  pods(): PodState[] {
    return [...this.podMap.values()].map((p) => ({ ...p.state }));
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
    if (!this.o.persistence) rmSync(this.podDir(pod), { recursive: true, force: true });
    pod.passedOnce = false;
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

  /** A pod's data dir: its emptyDir, or its PVC when persistence is on. */
  podDir(pod: { index: number }): string {
    return path.join(this.absDir, "pods", String(pod.index));
  }

  private async launch(pod: LocalPod): Promise<void> {
    const ip = this.allocateIp();
    pod.log = [];
    this.update(pod, {
      phase: "Running",
      ip,
      ready: false,
      readyReason: "waiting for the first readiness probe",
      createdAt: Date.now(),
    });
    this.spawnRedis(pod);
    await waitForPing({ host: ip, port: REDIS_PORT }, this.password, 10_000);
  }

  /** A new address for every incarnation, as a pod network would give; wraps around, skipping live ones. */
  private allocateIp(): string {
    const inUse = new Set([...this.podMap.values()].map((p) => p.state.ip));
    for (;;) {
      if (this.nextIp > 254) this.nextIp = this.o.ipStart;
      const ip = `${this.o.ipPrefix}.${this.nextIp++}`;
      if (!inUse.has(ip)) return ip;
    }
  }

  /** For process exit handlers, where nothing asynchronous runs any more. */
  killAllSync(): void {
    this.stopped = true;
    for (const p of this.podMap.values()) p.proc?.kill("SIGKILL");
  }

  private spawnRedis(pod: LocalPod): void {
    const proc = startRedisProcess({
      ip: pod.state.ip!,
      port: REDIS_PORT,
      dir: this.podDir(pod),
      password: this.password,
      nodeTimeoutMs: this.o.nodeTimeoutMs,
      cluster: true,
      appendonly: true,
      extra: ["--cluster-require-full-coverage", this.o.requireFullCoverage ? "yes" : "no"],
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

  private logLine(pod: LocalPod, line: string): void {
    pod.log.push(line);
    if (pod.log.length > LOG_HISTORY) pod.log.shift();
    for (const l of this.logListeners.get(pod.state.name) ?? []) l(line);
  }

  private terminate(pod: LocalPod, signal: NodeJS.Signals): Promise<void> {
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
      await Promise.all([...this.podMap.values()].map((p) => this.probeReadiness(p)));
      this.scheduleReadiness(generation);
    }, this.o.readinessPeriodMs);
  }

  /** The kubelet's side: success marks ready at once, five failures in a row mark a ready pod not ready. */
  private async probeReadiness(pod: LocalPod): Promise<void> {
    if (pod.state.phase !== "Running" || !pod.state.ip || pod.deleting) return;
    const timeout = Math.min(2000, this.o.readinessPeriodMs);
    const addr = { host: pod.state.ip, port: REDIS_PORT };
    let ping: string;
    let clusterInfo: string | null = null;
    try {
      [ping, clusterInfo] = await oneShot(addr, this.password, timeout, async (r) => {
        const pong = await r.ping();
        const info = pod.passedOnce ? null : ((await r.call("CLUSTER", "INFO")) as string);
        return [pong, info] as const;
      });
    } catch (err) {
      ping = /timed? ?out/i.test(String(err)) ? "Timed out" : `Could not connect: ${(err as Error).message}`;
    }
    if (pod.deleting || pod.state.ip !== addr.host) return;
    const r = decideReadiness({ ping, clusterInfo, passedOnce: pod.passedOnce });
    pod.passedOnce = r.passedOnce;
    if (r.ready) {
      pod.readinessFailures = 0;
      if (!pod.state.ready || pod.state.readyReason) this.update(pod, { ready: true, readyReason: null });
      return;
    }
    pod.readinessFailures++;
    const stillReady = pod.state.ready && pod.readinessFailures < 5;
    if (pod.state.ready !== stillReady || pod.state.readyReason !== r.reason) {
      this.update(pod, { ready: stillReady, readyReason: r.reason });
    }
  }

  private update(pod: LocalPod, patch: Partial<PodState>): void {
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

async function waitForPing(addr: RedisAddress, password: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await oneShot(addr, password, 500, (r) => r.ping());
      return;
    } catch (err) {
      if (Date.now() > deadline)
        throw new Error(`redis-server at ${addr.host}:${addr.port} did not start: ${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
