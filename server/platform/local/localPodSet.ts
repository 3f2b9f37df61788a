import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { type CrashLoopState, freshCrashLoop, nextRestart } from "@/lib/crashLoopBackoff";
import type { DeleteMode, PodState } from "@/lib/types";
import { oneShot } from "../../redis/connect";
import type { RedisAddress } from "../types";
import { claimDataDir } from "./dataDirLock";
import { killForksIn, killLeftovers } from "./leftovers";
import type { LocalPodOptions } from "./podOptions";
import { type RedisProcessOptions, startRedisProcess } from "./redisProcess";
import { localScope } from "./scope";

export const REDIS_PORT = 6379;
const LOG_HISTORY = 300;
/** The charts' readiness failureThreshold: a ready pod turns 0/1 only after this many failed probes. */
const READINESS_FAILURES = 5;

export interface PodSetOptions extends LocalPodOptions {
  ipStart: number;
  release?: string;
  /** The kubelet's first CrashLoopBackOff step (10 s); tests shorten it. */
  crashBackoffInitialMs?: number;
}

export interface LocalPod {
  state: PodState;
  proc: ChildProcess | null;
  /** Set while the pod is being deleted, so the exit is not mistaken for a container crash. */
  deleting: boolean;
  /** This incarnation's readiness check has passed once (lab B's probe asks more of a pod until then). */
  passedOnce: boolean;
  readinessFailures: number;
  log: string[];
  crashLoop: CrashLoopState;
  /** When the running container started, to tell a crash loop from a container that ran for long. */
  containerStartedAt: number;
}

/** Every local lab whose pods may be running (either lab's platform): the exit handler kills them all. */
const liveLabs = new Set<{ killAllSync(): void }>();

/** For `process.on("exit")`: kills every local lab's redis-servers and releases their data dirs. */
export function killAllLocalLabsSync(): void {
  for (const lab of liveLabs) lab.killAllSync();
}

/** A pod as the lab first knows it: named, not yet scheduled. */
export function pendingPod(name: string): LocalPod {
  return {
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
      // kubectl's NODE column: every local pod is a process on this machine, as on a one-node k3s.
      node: hostname(),
    },
  };
}

/**
 * What a kubelet does for a local lab's pods, whichever chart they play: `redis-server` children with
 * stable names, a new loopback IP for every incarnation, an emptyDir wiped on recreation (unless the pod
 * keeps its data), in-place container restarts with CrashLoopBackOff, logs to follow, and a readiness probe
 * with the charts' failure threshold. A lab says how its pods start, what its probe checks and who keeps
 * data; the rest is here once.
 */
export abstract class LocalPodSet<P extends LocalPod, O extends PodSetOptions> {
  readonly kind = "local" as const;
  readonly scope: string;
  readonly password: string;
  protected o: O;
  protected readonly absDir: string;
  protected readonly release: string;
  protected readonly podMap = new Map<string, P>();
  protected stopped = false;
  private readonly podListeners = new Set<(pods: PodState[]) => void>();
  private readonly logListeners = new Map<string, Set<(line: string) => void>>();
  private nextIp: number;
  private readinessTimer: NodeJS.Timeout | null = null;
  private readinessGeneration = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private releaseDataDir: (() => void) | null = null;

  constructor(o: O, pods: P[]) {
    this.o = o;
    this.password = o.password;
    this.absDir = path.resolve(o.dataDir);
    this.release = o.release ?? "ds-redis";
    this.scope = localScope(this.absDir, process.cwd());
    this.nextIp = o.ipStart;
    for (const pod of pods) this.podMap.set(pod.state.name, pod);
  }

  /** Where this lab's pods keep their dirs, under the data dir. */
  protected abstract podsRoot(): string;
  /** The pod's data survives its recreation (its dir is a PVC). */
  protected abstract keepsData(pod: P): boolean;
  /** The lab's part of a pod's command line. */
  protected abstract redisOptions(pod: P): Pick<RedisProcessOptions, "cluster" | "nodeTimeoutMs" | "extra">;
  /** Launches every pod (through `launch`) and makes them the lab: a formed cluster, linked replicas. */
  protected abstract bringUp(): Promise<void>;
  /** The chart's readiness probe: null when it passes, else what its script prints. */
  protected abstract readinessCheck(pod: P, addr: RedisAddress, timeoutMs: number): Promise<string | null>;
  /** After a pod answers at its new address (lab A repoints the replicas at a new master). */
  protected async afterLaunch(_pod: P): Promise<void> {}
  /** Before each readiness round (lab A plays the resolver of the master's name there). */
  protected async beforeReadinessRound(): Promise<void> {}
  /** Addresses no new incarnation may take, beyond the ones in use. */
  protected reservedIps(): (string | null)[] {
    return [];
  }

  get persistence(): boolean {
    return this.o.persistence;
  }

  /**
   * Makes the data dir this process's (see claimDataDir); throws, having changed nothing, when another
   * running dashboard owns it: a second dashboard must not kill these pods as its leftovers. `start` claims
   * it too; calling it first fails before anything slow begins.
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
      rmSync(this.podsRoot(), { recursive: true, force: true });
      await this.bringUp();
      // The lab is up: show it 1/1 now rather than after a first readiness period. bringUp has just linked
      // everything, so the round's own first step (lab A's resolver) has nothing to do yet.
      await this.probeAll();
      this.scheduleReadiness();
    } catch (err) {
      await this.stopPods();
      throw err;
    }
  }

  async reset(opts: { persistence?: boolean }): Promise<void> {
    await this.stopPods();
    if (opts.persistence !== undefined) this.o = { ...this.o, persistence: opts.persistence };
    this.nextIp = this.o.ipStart;
    for (const pod of this.podMap.values()) {
      this.freshIncarnation(pod);
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

  /** For process exit handlers, where nothing asynchronous runs any more. */
  killAllSync(): void {
    this.stopped = true;
    for (const p of this.podMap.values()) p.proc?.kill("SIGKILL");
    liveLabs.delete(this);
    this.releaseDataDir?.();
    this.releaseDataDir = null;
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
    const pod = this.pod(name);
    if (pod.deleting || pod.state.phase !== "Running")
      throw new Error(`pod "${name}" is already being replaced`);
    pod.deleting = true;
    this.update(pod, { phase: "Terminating", ready: false, readyReason: "Terminating" });
    await this.terminate(pod, mode === "crash" ? "SIGKILL" : "SIGTERM");
    if (this.stopped) return;
    this.update(pod, { phase: "Pending", ip: null, readyReason: "ContainerCreating" });
    await this.sleep(this.o.restartDelayMs);
    if (this.stopped) return;
    if (!this.keepsData(pod)) rmSync(this.podDir(name), { recursive: true, force: true });
    this.freshIncarnation(pod);
    await this.launch(pod);
  }

  followLog(name: string, onLine: (line: string) => void): () => void {
    const pod = this.pod(name);
    for (const line of pod.log) onLine(line);
    let set = this.logListeners.get(name);
    if (!set) this.logListeners.set(name, (set = new Set()));
    set.add(onLine);
    return () => set.delete(onLine);
  }

  resolve(podIp: string, port: number): RedisAddress {
    return { host: podIp, port };
  }

  /** A pod's `/data`: its emptyDir, or its PVC when it keeps its data. */
  podDir(name: string): string {
    return path.join(this.podsRoot(), name);
  }

  /** The pod of this release by that name; anything else is refused by name. */
  protected pod(name: string): P {
    const pod = this.podMap.get(name);
    if (!pod) throw new Error(`pod "${name}" is not a pod of release ${this.release}`);
    return pod;
  }

  protected address(pod: P): RedisAddress | null {
    return pod.state.ip ? { host: pod.state.ip, port: REDIS_PORT } : null;
  }

  /** Starts a new incarnation at a new address and resolves once it answers (PONG, or LOADING its data). */
  protected async launch(pod: P): Promise<void> {
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
    const answering = waitForRedis({ host: ip, port: REDIS_PORT }, this.password, 10_000, () =>
      this.lastWords(pod.state.name),
    );
    try {
      await Promise.race([answering, exited]);
    } finally {
      answering.catch(() => {});
    }
    await this.afterLaunch(pod);
  }

  /** The last warning a pod's redis-server logged (`# …`), its own words for why it failed. */
  protected lastWords(name: string): string | null {
    const log = this.podMap.get(name)?.log ?? [];
    for (let i = log.length - 1; i >= 0; i--) {
      const m = /^\d+:[A-Z] .+? # (.*)$/.exec(log[i]);
      // "Failed listening on port …, aborting" follows the line that says why.
      if (m && !/aborting\.?$/.test(m[1])) return m[1];
    }
    return null;
  }

  /** Lines the dashboard itself adds to a pod's log, marked as its own. */
  protected logLine(pod: P, line: string): void {
    pod.log.push(line);
    if (pod.log.length > LOG_HISTORY) pod.log.shift();
    for (const l of this.logListeners.get(pod.state.name) ?? []) l(line);
  }

  protected update(pod: P, patch: Partial<PodState>): void {
    pod.state = { ...pod.state, ...patch };
    const all = this.pods();
    for (const l of this.podListeners) l(all);
  }

  private freshIncarnation(pod: P): void {
    Object.assign(pod, {
      deleting: false,
      passedOnce: false,
      readinessFailures: 0,
      crashLoop: freshCrashLoop,
    });
  }

  private async stopPods(): Promise<void> {
    this.stopped = true;
    if (this.readinessTimer) clearTimeout(this.readinessTimer);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const ran = [...this.podMap.values()].filter((p) => p.proc);
    await Promise.all(ran.map((p) => this.terminate(p, "SIGKILL")));
    await killForksIn(ran.map((p) => this.podDir(p.state.name)));
  }

  /** A new address for every incarnation, as a pod network would give; wraps around, skipping taken ones. */
  private allocateIp(): string {
    const taken = new Set([...[...this.podMap.values()].map((p) => p.state.ip), ...this.reservedIps()]);
    for (;;) {
      if (this.nextIp > 254) this.nextIp = this.o.ipStart;
      const ip = `${this.o.ipPrefix}.${this.nextIp++}`;
      if (!taken.has(ip)) return ip;
    }
  }

  private spawnRedis(pod: P): ChildProcess {
    const proc = startRedisProcess({
      ip: pod.state.ip!,
      port: REDIS_PORT,
      dir: this.podDir(pod.state.name),
      password: this.password,
      appendonly: true,
      ...this.redisOptions(pod),
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

  private terminate(pod: P, signal: NodeJS.Signals): Promise<void> {
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
      await this.readinessRound();
      this.scheduleReadiness(generation);
    }, this.o.readinessPeriodMs);
  }

  private async readinessRound(): Promise<void> {
    await this.beforeReadinessRound();
    await this.probeAll();
  }

  private async probeAll(): Promise<void> {
    await Promise.all([...this.podMap.values()].map((p) => this.probeReadiness(p)));
  }

  /** The kubelet's side: success marks ready at once, five failures in a row mark a ready pod not ready. */
  private async probeReadiness(pod: P): Promise<void> {
    const addr = this.address(pod);
    if (pod.state.phase !== "Running" || !addr || pod.deleting) return;
    const reason = await this.readinessCheck(pod, addr, Math.min(2000, this.o.readinessPeriodMs));
    // An answer from an incarnation that is gone says nothing about the one now at this name.
    if (pod.deleting || pod.state.ip !== addr.host) return;
    if (!reason) {
      pod.passedOnce = true;
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

/** What the chart's probe script prints when redis-cli gets no PONG: its own words for the failure. */
export function probeFailure(err: unknown, addr: RedisAddress): string {
  const text = err instanceof Error ? err.message : String(err);
  if (/^LOADING/.test(text)) return text;
  return /timed? ?out/i.test(text)
    ? "Timed out"
    : `Could not connect to Redis at ${addr.host}:${addr.port}: Connection refused`;
}

/** Up means answering: PONG, or LOADING while a persisted pod reads its AOF (the kubelet sees it start). */
async function waitForRedis(
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
      if (/^LOADING/.test((err as Error).message)) return;
      if (Date.now() > deadline)
        throw new Error(
          `redis-server at ${addr.host}:${addr.port} did not answer PING within ${timeoutMs} ms ` +
            `(${(err as Error).message}); its last warning: ${lastWords() ?? "none"}`,
        );
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
