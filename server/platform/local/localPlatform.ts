import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { type CrashLoopState, freshCrashLoop, nextRestart } from "@/lib/crashLoopBackoff";
import { decideReadiness } from "@/lib/readiness";
import type { DeleteMode, PodState } from "@/lib/types";
import { oneShot } from "../../redis/connect";
import type { Platform, RedisAddress } from "../types";
import { claimDataDir } from "./dataDirLock";
import { formCluster } from "./formCluster";
import { killLeftovers } from "./leftovers";
import type { LocalPodOptions } from "./podOptions";
import { startRedisProcess } from "./redisProcess";
import { localScope } from "./scope";

export interface LocalPlatformOptions extends LocalPodOptions {
  nodeTimeoutMs: number;
  requireFullCoverage: boolean;
  ipStart: number;
  keys: Record<string, string>;
  release?: string;
  /** The kubelet's first CrashLoopBackOff step (10 s); tests shorten it. */
  crashBackoffInitialMs?: number;
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
  crashLoop: CrashLoopState;
  /** When the running container started, to tell a crash loop from a container that ran for long. */
  containerStartedAt: number;
}

/** Every lab of this process with children, so an exit handler registered before any start can kill them. */
/** Every local lab whose pods may be running (either lab's platform): the exit handler kills them all. */
export const liveLabs = new Set<{ killAllSync(): void }>();

/** For `process.on("exit")`: kills every local lab's redis-servers and releases their data dirs. */
export function killAllLocalLabsSync(): void {
  for (const lab of liveLabs) lab.killAllSync();
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
  private releaseDataDir: (() => void) | null = null;

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
        crashLoop: freshCrashLoop,
        containerStartedAt: 0,
        state: {
          name,
          ip: null,
          phase: "Pending",
          ready: false,
          readyReason: null,
          reason: null,
          restarts: 0,
          createdAt: 0,
          // Every local "pod" is a process on this machine, as NODE on a one-node k3s shows the host.
          node: hostname(),
        },
      });
    }
  }

  /**
   * Makes the data dir this process's (see claimDataDir); throws, having changed nothing, when another
   * running dashboard owns it. `start` claims it too; calling it first fails before anything slow begins.
   */
  claimDataDir(): void {
    this.releaseDataDir ??= claimDataDir(this.absDir);
  }

  async start(): Promise<void> {
    this.claimDataDir();
    this.stopped = false;
    liveLabs.add(this);
    try {
      await killLeftovers(this.absDir);
      rmSync(path.join(this.absDir, "pods"), { recursive: true, force: true });
      const pods = [...this.podMap.values()];
      // allSettled: a pod that failed must not leave its siblings launching behind our back.
      const launched = await Promise.allSettled(pods.map((p) => this.launch(p)));
      const failed = launched.find((r) => r.status === "rejected");
      if (failed) throw failed.reason;
      const named = pods.map((p) => ({ pod: p.state.name, ip: p.state.ip! }));
      await formCluster(named, REDIS_PORT, this.password, this.o.keys, (name) => this.lastWords(name), {
        onRetry: (step, name, err) => {
          const pod = this.podMap.get(name);
          if (pod) this.logLine(pod, `[failover-lab] ${step} failed (${err.message}); trying again`);
        },
      });
      // The lab is formed: show it 1/1 now rather than after a first readiness period.
      await Promise.all(pods.map((p) => this.probeReadiness(p)));
      this.scheduleReadiness();
    } catch (err) {
      await this.stopPods();
      throw err;
    }
  }

  get persistence(): boolean {
    return this.o.persistence;
  }

  async reset(opts: { persistence?: boolean }): Promise<void> {
    await this.stopPods();
    if (opts.persistence !== undefined) this.o = { ...this.o, persistence: opts.persistence };
    this.stopped = false;
    this.nextIp = this.o.ipStart;
    for (const pod of this.podMap.values()) {
      Object.assign(pod, {
        deleting: false,
        passedOnce: false,
        readinessFailures: 0,
        crashLoop: freshCrashLoop,
      });
      this.update(pod, {
        phase: "Pending",
        ip: null,
        ready: false,
        readyReason: "ContainerCreating",
        reason: null,
        restarts: 0,
      });
    }
    await this.start();
  }

  async stop(): Promise<void> {
    await this.stopPods();
    liveLabs.delete(this);
    this.releaseDataDir?.();
    this.releaseDataDir = null;
  }

  private async stopPods(): Promise<void> {
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
    pod.crashLoop = freshCrashLoop;
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
      // Like a kubelet before the first probe: not ready, with no probe output to show yet.
      readyReason: null,
      reason: null,
      createdAt: Date.now(),
    });
    const proc = this.spawnRedis(pod);
    // A redis-server that cannot start (its IP taken: "Address already in use") says why and exits; waiting
    // for a PING that cannot come would hide that behind a timeout.
    const exited = new Promise<never>((_, reject) =>
      // "close", not "exit": by then its output is read, the line that says why included.
      proc.once("close", (code, signal) =>
        reject(
          new Error(
            `pod ${pod.state.name}: redis-server at ${ip}:${REDIS_PORT} exited while starting ` +
              `(${signal ?? `code ${code}`}): ${this.lastWords(pod.state.name) ?? "it logged nothing"}`,
          ),
        ),
      ),
    );
    exited.catch(() => {});
    const ping = waitForPing({ host: ip, port: REDIS_PORT }, this.password, 10_000, () =>
      this.lastWords(pod.state.name),
    );
    try {
      await Promise.race([ping, exited]);
    } finally {
      ping.catch(() => {});
    }
  }

  /** The last warning a pod's redis-server logged (`# …`), its own words for why it failed. */
  private lastWords(name: string): string | null {
    const log = this.podMap.get(name)?.log ?? [];
    for (let i = log.length - 1; i >= 0; i--) {
      const m = /^\d+:[A-Z] .+? # (.*)$/.exec(log[i]);
      // "Failed listening on port …, aborting" follows the line that says why.
      if (m && !/aborting\.?$/.test(m[1])) return m[1];
    }
    return null;
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
    liveLabs.delete(this);
    this.releaseDataDir?.();
    this.releaseDataDir = null;
  }

  private spawnRedis(pod: LocalPod): ChildProcess {
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
    pod.containerStartedAt = Date.now();
    for (const stream of [proc.stdout!, proc.stderr!]) {
      createInterface({ input: stream }).on("line", (line) => this.logLine(pod, line));
    }
    proc.on("exit", (code, signal) => {
      if (pod.proc !== proc) return;
      pod.proc = null;
      if (pod.deleting || this.stopped) return;
      // Redis died on its own: the kubelet restarts the container in place, same IP, same emptyDir, and
      // backs off when it keeps dying so a crash loop does not spin (CrashLoopBackOff).
      const backoff = nextRestart(
        pod.crashLoop,
        Date.now() - pod.containerStartedAt,
        this.o.crashBackoffInitialMs,
      );
      pod.crashLoop = backoff.state;
      const waitMs = this.o.restartDelayMs + backoff.delayMs;
      this.logLine(
        pod,
        `[failover-lab] redis-server exited (${signal ?? `code ${code}`}); restarting container` +
          (backoff.delayMs > 0 ? ` in ${Math.round(waitMs / 1000)} s (CrashLoopBackOff)` : ""),
      );
      this.update(pod, {
        ready: false,
        readyReason: backoff.delayMs > 0 ? "CrashLoopBackOff" : "container restarting",
        reason: backoff.delayMs > 0 ? "CrashLoopBackOff" : null,
        restarts: pod.state.restarts + 1,
      });
      const t = setTimeout(() => {
        this.timers.delete(t);
        if (this.stopped || pod.deleting || pod.proc) return;
        this.spawnRedis(pod);
        if (pod.state.reason) this.update(pod, { reason: null, readyReason: "container restarting" });
      }, waitMs);
      this.timers.add(t);
    });
    return proc;
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
      // What the chart's probe prints: redis-cli's own words for a refused or silent server.
      ping = /timed? ?out/i.test(String(err))
        ? "Timed out"
        : `Could not connect to Redis at ${addr.host}:${addr.port}: Connection refused`;
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

async function waitForPing(
  addr: RedisAddress,
  password: string,
  timeoutMs: number,
  lastWords: () => string | null,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await oneShot(addr, password, 500, (r) => r.ping());
      return;
    } catch (err) {
      if (Date.now() > deadline)
        throw new Error(
          `redis-server at ${addr.host}:${addr.port} did not answer PING within ${timeoutMs} ms ` +
            `(${(err as Error).message}); its last warning: ${lastWords() ?? "none"}`,
        );
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
