import type { KubeConfig, V1Pod } from "@kubernetes/client-node";
import type { KubeChart } from "@/lib/labs/kubeChart";
import type { DeleteMode, LabKind, PlatformStatus, PodState } from "@/lib/types";
import { isAofFileName, isMissingDir, parseLsListing, type AofUnavailable } from "@/lib/aof/aofListing";
import { AOF_WINDOW_BYTES } from "@/lib/aof/aofWindow";
import { AofUnavailableError, type Platform, type RedisAddress } from "../types";
import { KubeError, KubernetesStartupError } from "./errors";
import { KubeApi } from "./kubeApi";
import { loadKubeConfig } from "./kubeconfig";
import { LogFollower } from "./logFollow";
import {
  fullName,
  isValidObjectName,
  redisContainerNames,
  releasePodNamePattern,
  releaseSelector,
  statefulSetNames,
} from "./names";
import {
  applicablePermissions,
  describePermission,
  optionalPermissions,
  requiredPermissions,
} from "./permissions";
import { execInPod } from "./podExec";
import { resolvePassword } from "./password";
import { ownedPods, persistenceOf, podStates, podUid, redisContainerOf, type PodMap } from "./podMapping";
import { PodWatch, type PodWatchOptions } from "./podWatch";
import {
  PortForwardPool,
  kubePortForwardConnector,
  type NatMapFunction,
  type TunnelConnector,
} from "./portForward";
import { checkPermissions, checkPods, checkRedis, missingOptionalPermissions } from "./preflight";
import { ReadinessHints } from "./readinessProbe";

/** How many short-lived probe connections (tunnels) may be open at once in port-forward mode. */
export const PORT_FORWARD_SHORT_CONNECTIONS = 12;

export interface KubernetesPlatformConfig {
  namespace: string;
  release: string;
  /** The bitnami chart of the lab, as data (lib/labs/<lab>/kubeChart.ts). */
  chart: KubeChart;
  /** The other labs' charts, for start-up messages that point to the right lab. */
  otherCharts?: readonly KubeChart[];
  /** `pod-ip`: connect to pod IPs (in the cluster, or on a node); `port-forward`: tunnel through the API server. */
  reach: "pod-ip" | "port-forward";
  /** `REDIS_PASSWORD`; when absent, read from the chart's secret. */
  password?: string;
  kubeconfigPath?: string;
}

/** Seams for tests; production code leaves them unset. */
export interface KubernetesPlatformTestHooks {
  kubeConfig?: KubeConfig;
  /** false skips the Redis reachability check (the fake API has no Redis behind its pod IPs). */
  checkRedis?: boolean;
  redisCheckTimeoutMs?: number;
  tunnelConnector?: TunnelConnector;
  watch?: Partial<PodWatchOptions>;
  logBackoffMinMs?: number;
  logBackoffMaxMs?: number;
  /** Period of the readiness-reason probe of running, unready pods; 0 turns it off. */
  readinessProbePeriodMs?: number;
  /** Longest a delete waits for the replacement to run before it gives the action lock back. */
  replacementTimeoutMs?: number;
}

/** A graceful delete's 30 s grace period, then scheduling and start-up, with room to spare. */
const REPLACEMENT_TIMEOUT_MS = 120_000;

const REDIS_PORT = 6379;

export class KubernetesPlatform implements Platform {
  readonly kind = "kubernetes" as const;
  readonly observesOnly = true;
  readonly lab: LabKind;
  readonly scope: string;
  readonly resetAdvice: { namespace: string; release: string };
  private api: KubeApi | null = null;
  private kc: KubeConfig | null = null;
  /** The AOF viewer: set at start when the Role lacks `get`/`create pods/exec`, or when an exec is refused later. */
  private aofProblem: AofUnavailable | null = null;
  private replicaTurn = 0;
  private watch: PodWatch | null = null;
  private pool: PortForwardPool | null = null;
  private hints: ReadinessHints | null = null;
  // A #private field: not enumerable, so no serialisation or spread of the platform can carry it.
  #secret: string | null = null;
  #givenPassword: string | undefined;
  private readonly config: Omit<KubernetesPlatformConfig, "password">;
  private listeners = new Set<(pods: PodState[]) => void>();
  private followers = new Set<LogFollower>();
  private last: PodState[] = [];
  private lastJson = "[]";
  private readonly containerNames: string[];
  private readonly statefulSets: string[];
  private readonly namePattern: RegExp;
  private ownedFrom: PodMap | null = null;
  private ownedCache: PodMap = new Map();
  private apiUnreachable: PlatformStatus["apiUnreachable"] = null;
  private logErrors = new Map<string, { since: number; error: string }>();
  private statusListeners = new Set<(s: PlatformStatus) => void>();
  private lastStatusJson = "";
  private pendingReplacements = new Set<() => void>();
  private started = false;
  private stopped = false;

  constructor(
    config: KubernetesPlatformConfig,
    private readonly hooks: KubernetesPlatformTestHooks = {},
  ) {
    const { password, ...rest } = config;
    this.config = rest;
    this.#givenPassword = password;
    this.lab = config.chart.lab;
    this.scope = `${config.namespace}/${config.release}`;
    this.resetAdvice = { namespace: config.namespace, release: config.release };
    this.containerNames = redisContainerNames(config.release, config.chart);
    this.statefulSets = statefulSetNames(config.release, config.chart);
    this.namePattern = releasePodNamePattern(config.release, config.chart);
  }

  /** A getter on the prototype: JSON.stringify(platform) and object spreads never carry it. */
  get password(): string {
    return this.#secret ?? "";
  }

  /** From the pods' `redis-data` volume (PVC or emptyDir); the chart decides it, not the dashboard. */
  get persistence(): boolean | null {
    return this.watch ? persistenceOf(this.owned(), this.config.chart.persistencePods) : null;
  }

  toJSON() {
    return { kind: this.kind, lab: this.lab, scope: this.scope, reach: this.config.reach };
  }

  async start(): Promise<void> {
    if (this.started) return;
    const { namespace, release, chart, reach } = this.config;
    let kc = this.hooks.kubeConfig;
    if (!kc) {
      const loaded = loadKubeConfig(this.config.kubeconfigPath);
      if (!loaded.ok) throw new KubernetesStartupError([loaded.problem]);
      kc = loaded.kc;
    }
    const api = new KubeApi(kc);
    this.api = api;
    this.kc = kc;

    const passwordFromSecret = !this.#givenPassword;
    const perms = applicablePermissions(requiredPermissions(release, chart), {
      portForward: reach === "port-forward",
      passwordFromSecret,
    });
    const accessProblems = await checkPermissions(api, namespace, perms);
    if (accessProblems.length > 0) throw new KubernetesStartupError(accessProblems);
    const missingOptional = await missingOptionalPermissions(
      api,
      namespace,
      optionalPermissions(requiredPermissions(release, chart)),
    );
    if (missingOptional.length > 0)
      this.aofProblem = {
        reason: "exec-forbidden",
        permission: missingOptional.map(describePermission).join(", "),
        namespace,
      };

    const problems: string[] = [];
    const [podCheck, password] = await Promise.all([
      checkPods(api, namespace, release, chart, this.config.otherCharts ?? []),
      resolvePassword(api, namespace, release, chart, this.#givenPassword).catch((err: Error) => {
        problems.push(err.message);
        return null;
      }),
    ]);
    problems.unshift(...podCheck.problems);
    if (problems.length > 0) throw new KubernetesStartupError(problems);
    this.#secret = password;

    const watch = new PodWatch(api, {
      namespace,
      labelSelector: releaseSelector(release, chart),
      ...this.hooks.watch,
    });
    this.watch = watch;
    watch.onStatus((st) => {
      if (st.state === "synced") this.apiUnreachable = null;
      else this.apiUnreachable = { since: this.apiUnreachable?.since ?? Date.now(), error: st.error ?? "" };
      this.publishStatus();
    });
    try {
      await watch.start();
    } catch (err) {
      throw new KubernetesStartupError([(err as Error).message]);
    }
    if (reach === "port-forward") {
      const connector = this.hooks.tunnelConnector ?? kubePortForwardConnector(kc, namespace);
      this.pool = new PortForwardPool(connector, (ip) => this.podNameForIp(ip));
      await this.pool.start();
    }
    const period = this.hooks.readinessProbePeriodMs ?? 5000;
    if (period > 0) {
      this.hints = new ReadinessHints(
        chart.readinessAsksClusterInfo,
        (p) => this.containerOf(p),
        (ip, port) => this.resolve(ip, port),
        () => this.password,
        () => this.publish(),
        period,
      );
    }
    this.publish();
    watch.onChange(() => this.publish());

    if (this.hooks.checkRedis !== false) {
      const targets = podCheck.pods
        .filter((p) => this.isOwned(p))
        .filter((p) => p.status?.podIP && p.status.phase === "Running" && !p.metadata?.deletionTimestamp)
        .map((p) => ({
          pod: p.metadata!.name!,
          podIp: p.status!.podIP!,
          address: this.resolve(p.status!.podIP!, REDIS_PORT),
        }));
      const redisProblems = await checkRedis(targets, this.password, reach, this.hooks.redisCheckTimeoutMs);
      if (redisProblems.length > 0) {
        await this.stop();
        throw new KubernetesStartupError(redisProblems);
      }
    }
    this.started = true;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.hints?.stop();
    for (const finish of [...this.pendingReplacements]) finish();
    for (const f of this.followers) f.stop();
    this.followers.clear();
    this.listeners.clear();
    this.statusListeners.clear();
    await this.watch?.stop();
    await this.pool?.stop();
  }

  pods(): PodState[] {
    return this.last;
  }

  onPods(listener: (pods: PodState[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  ownsPod(name: string): boolean {
    if (typeof name !== "string" || !isValidObjectName(name) || !this.namePattern.test(name)) return false;
    const pod = this.watch ? this.owned().get(name) : undefined;
    return pod !== undefined && pod.metadata?.labels?.["app.kubernetes.io/instance"] === this.config.release;
  }

  status(): PlatformStatus {
    return {
      apiUnreachable: this.apiUnreachable,
      logErrors: [...this.logErrors]
        .map(([pod, e]) => ({ pod, ...e }))
        .sort((a, b) => (a.pod < b.pod ? -1 : 1)),
    };
  }

  onStatus(listener: (s: PlatformStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  async deletePod(name: string, mode: DeleteMode): Promise<void> {
    if (mode !== "graceful" && mode !== "crash") throw new Error(`unknown delete mode: ${String(mode)}`);
    // Refused here, before any request: only a pod we watch, of this release, in this namespace.
    if (!this.ownsPod(name)) {
      throw new Error(
        `refused: ${String(name).slice(0, 100)} is not a pod of release ${this.config.release} in namespace ${this.config.namespace}`,
      );
    }
    const pod = this.owned().get(name)!;
    const replaced = this.replacementRunning(name, podUid(pod));
    try {
      // The uid precondition makes the API refuse if the name now belongs to another incarnation.
      await this.api!.deletePod(this.config.namespace, name, {
        gracePeriodSeconds: mode === "crash" ? 0 : undefined,
        uid: podUid(pod),
      });
    } catch (err) {
      const e = err as KubeError;
      if (e.status === 409)
        throw new KubeError(
          `pod ${name} was replaced since it was listed; nothing was deleted, try again`,
          409,
          "Conflict",
        );
      replaced.cancel();
      throw err;
    }
    // Accepted is not done: the run and the action lock last until the StatefulSet's replacement runs.
    await replaced.done;
  }

  /**
   * Resolves when the pod named `name` runs again as another incarnation than `oldUid` (Running, an IP,
   * not terminating), when the platform stops, or after the bounded wait: never holds the lock for good.
   */
  private replacementRunning(name: string, oldUid: string): { done: Promise<void>; cancel: () => void } {
    let cancel = () => undefined as void;
    const done = new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | null = null;
      let unsubscribe = () => undefined as unknown;
      const finish = () => {
        unsubscribe();
        if (timer) clearTimeout(timer);
        this.pendingReplacements.delete(finish);
        resolve();
      };
      const check = () => {
        const p = this.owned().get(name);
        if (
          p &&
          podUid(p) !== oldUid &&
          p.status?.phase === "Running" &&
          p.status.podIP &&
          !p.metadata?.deletionTimestamp
        )
          finish();
      };
      unsubscribe = this.watch!.onChange(check);
      timer = setTimeout(finish, this.hooks.replacementTimeoutMs ?? REPLACEMENT_TIMEOUT_MS);
      this.pendingReplacements.add(finish);
      cancel = finish;
    });
    return { done, cancel };
  }

  /**
   * Refusals a person must act on (a 403 on pods/log, a container the pod does not have) go into status()
   * until a stream opens again, and to `onError` (optional, beyond the Platform interface); drops and
   * restarts are handled silently.
   */
  followLog(name: string, onLine: (line: string) => void, onError?: (message: string) => void): () => void {
    if (typeof name !== "string" || !isValidObjectName(name) || !this.namePattern.test(name))
      throw new Error(
        `refused: ${String(name).slice(0, 100)} is not a pod of release ${this.config.release}`,
      );
    if (!this.api || !this.watch) throw new Error("kubernetes platform not started");
    if (this.watch.current().has(name) && !this.owned().has(name))
      throw new Error(
        `refused: ${name} is not a pod of the release's StatefulSet ${this.statefulSets.join(", ")}`,
      );
    const watch = this.watch;
    const follower = new LogFollower({
      api: this.api,
      namespace: this.config.namespace,
      containerOf: (p) => this.containerOf(p),
      podName: name,
      getPod: () => this.owned().get(name),
      onPodsChange: (cb) => watch.onChange(cb),
      onLine,
      onError: (message) => {
        this.logErrors.set(name, { since: Date.now(), error: message });
        this.publishStatus();
        onError?.(message);
      },
      onRecovered: () => {
        if (this.logErrors.delete(name)) this.publishStatus();
      },
      initialTailLines: 1000,
      backoffMinMs: this.hooks.logBackoffMinMs,
      backoffMaxMs: this.hooks.logBackoffMaxMs,
    });
    this.followers.add(follower);
    return () => {
      follower.stop();
      this.followers.delete(follower);
      if (this.logErrors.delete(name)) this.publishStatus();
    };
  }

  /**
   * Port-forward: each probe connection is a stream through the API server and the kubelet. A healthy tunnel
   * opens in tens of ms, so the fresh lane (3 keys every 200 ms, a MOVED hop on most reads) holds a few at a time;
   * this bounds what a slow API server can pile up (each read still ends by its own 1 s deadline).
   */
  get maxShortConnections(): number | undefined {
    return this.config.reach === "port-forward" ? PORT_FORWARD_SHORT_CONNECTIONS : undefined;
  }

  resolve(podIp: string, port: number): RedisAddress {
    if (this.config.reach === "pod-ip" || !this.pool) return { host: podIp, port };
    return this.pool.resolve(podIp, port);
  }

  /**
   * The chart's Services, where it has them (lab A). `<fullname>-master` selects the master pod, `<fullname>-replicas` the
   * replica pods; an endpoint is a ready pod, and kube-proxy spreads connections over them (here: in turn).
   */
  serviceAddress(service: "master" | "replicas"): RedisAddress | null {
    if (!this.config.chart.services.includes(service)) return null;
    const ready = this.last.filter(
      (p) => p.ready && p.ip && p.phase === "Running" && p.name.includes(`-${service}-`),
    );
    if (ready.length === 0) return null;
    const pod = service === "master" ? ready[0] : ready[this.replicaTurn++ % ready.length];
    return this.resolve(pod.ip!, REDIS_PORT);
  }

  serviceName(service: "master" | "replicas"): string {
    return `${fullName(this.config.release, this.config.chart)}-${service}`;
  }

  aofUnavailable(): AofUnavailable | null {
    return this.aofProblem;
  }

  /**
   * The pod's `appendonlydir/` through `pods/exec`: `ls -l <dir>`, then `cat <dir>/<file>` per file (or
   * `tail -c` of a file larger than the viewer's window: only that tail is fetched). `<dir>` is where the pod's
   * spec mounts `redis-data` (the chart's `master.persistence.path`, `/data`). Nothing else is ever run.
   */
  async aofFiles(name: string): Promise<{ name: string; data: Uint8Array; size?: number }[]> {
    if (!this.config.chart.aofViewer) return [];
    if (this.aofProblem?.reason === "exec-forbidden") throw new AofUnavailableError(this.aofProblem);
    const pod = this.owned().get(name);
    if (!pod || !this.ownsPod(name))
      throw new Error(`refused: ${String(name).slice(0, 100)} is not a pod of the release`);
    if (!pod.status?.podIP || pod.metadata?.deletionTimestamp) return [];
    const container = this.containerOf(pod);
    if (!container) return [];
    const dir = `${dataPathOf(pod, container)}/appendonlydir`;
    const run = async (command: string[]) => {
      try {
        return await execInPod(this.kc!, this.config.namespace, name, container, command);
      } catch (err) {
        const e = err as KubeError;
        if (e.status === 403) {
          this.aofProblem = {
            reason: "exec-forbidden",
            // Refused at the upgrade, which does not say which verb was missing: name both the Role needs.
            permission: "get pods/exec, create pods/exec",
            namespace: this.config.namespace,
          };
          throw new AofUnavailableError(this.aofProblem);
        }
        throw new AofUnavailableError({ reason: "exec-failed", detail: e.message.slice(0, 200) });
      }
    };
    const ls = await run(["ls", "-l", dir]);
    if (ls.exitCode !== 0) {
      if (isMissingDir(ls.stderr)) return [];
      throw new AofUnavailableError({ reason: "exec-failed", detail: ls.stderr.trim().slice(0, 200) });
    }
    const listed = parseLsListing(ls.stdout.toString("utf8"));
    const files = await Promise.all(
      listed
        .filter((f) => isAofFileName(f.name))
        .map(async (f) => {
          const path = `${dir}/${f.name}`;
          const big = f.bytes > AOF_WINDOW_BYTES;
          const r = await run(big ? ["tail", "-c", String(AOF_WINDOW_BYTES), path] : ["cat", path]);
          // A rewrite renames and deletes files as we list them: a vanished one is simply not shown.
          if (r.exitCode !== 0) return null;
          return big
            ? { name: f.name, data: new Uint8Array(r.stdout), size: Math.max(f.bytes, r.stdout.length) }
            : { name: f.name, data: new Uint8Array(r.stdout) };
        }),
    );
    return files.filter((f) => f !== null);
  }

  /** For ioredis `Cluster` options: `{ natMap: platform.natMap() }`. Identity in pod-ip mode. */
  natMap(): NatMapFunction {
    return this.pool ? this.pool.natMap() : () => null;
  }

  /** The watched pods the release's StatefulSets own (a labelled stray pod is not a lab pod). */
  private owned(): PodMap {
    const all = this.watch?.current();
    if (!all) return new Map();
    if (all !== this.ownedFrom) {
      this.ownedFrom = all;
      this.ownedCache = ownedPods(all, this.statefulSets);
    }
    return this.ownedCache;
  }

  private isOwned(pod: V1Pod): boolean {
    return ownedPods(new Map([[pod.metadata?.name ?? "", pod]]), this.statefulSets).size === 1;
  }

  private containerOf(pod: V1Pod): string | null {
    return redisContainerOf(pod, this.containerNames);
  }

  private publishStatus() {
    if (this.stopped) return;
    const s = this.status();
    const json = JSON.stringify(s);
    if (json === this.lastStatusJson) return;
    this.lastStatusJson = json;
    for (const l of this.statusListeners) l(s);
  }

  private podNameForIp(ip: string): string | null {
    for (const p of this.owned().values())
      if (p.status?.podIP === ip && !p.metadata?.deletionTimestamp) return p.metadata?.name ?? null;
    return null;
  }

  private publish() {
    if (this.stopped) return;
    const pods = this.owned();
    this.hints?.update(pods);
    const states = podStates(pods, (p) => this.containerOf(p), this.hints?.current());
    const json = JSON.stringify(states);
    if (json === this.lastJson) return;
    this.last = states;
    this.lastJson = json;
    if (this.pool)
      this.pool.prune(new Set(states.map((s) => s.ip).filter((ip): ip is string => ip !== null)));
    for (const l of this.listeners) l(states);
  }
}

/** Where the pod's redis container mounts `redis-data` (the chart's `persistence.path`); `/data` by default. */
function dataPathOf(pod: V1Pod, container: string): string {
  const c = pod.spec?.containers?.find((x) => x.name === container);
  const mount = c?.volumeMounts?.find((m) => m.name === "redis-data")?.mountPath;
  return (mount ?? "/data").replace(/\/+$/, "") || "/data";
}
