import type { KubeConfig, V1Pod } from "@kubernetes/client-node";
import type { DeleteMode, LabKind, PodState } from "@/lib/types";
import type { Platform, RedisAddress } from "../types";
import { KubeError, KubernetesStartupError } from "./errors";
import { KubeApi } from "./kubeApi";
import { loadKubeConfig } from "./kubeconfig";
import { LogFollower } from "./logFollow";
import { isValidObjectName, redisContainerName, releasePodNamePattern, releaseSelector } from "./names";
import { applicablePermissions, requiredPermissions } from "./permissions";
import { resolvePassword } from "./password";
import { persistenceOf, podStates, podUid } from "./podMapping";
import { PodWatch, type PodWatchOptions } from "./podWatch";
import {
  PortForwardPool,
  kubePortForwardConnector,
  type NatMapFunction,
  type TunnelConnector,
} from "./portForward";
import { checkPermissions, checkPods, checkRedis } from "./preflight";
import { ReadinessHints } from "./readinessProbe";

export interface KubernetesPlatformConfig {
  namespace: string;
  release: string;
  lab: LabKind;
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
}

const REDIS_PORT = 6379;

export class KubernetesPlatform implements Platform {
  readonly kind = "kubernetes" as const;
  readonly lab: LabKind;
  readonly scope: string;
  private api: KubeApi | null = null;
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
  private readonly container: string;
  private readonly namePattern: RegExp;
  private started = false;
  private stopped = false;

  constructor(
    config: KubernetesPlatformConfig,
    private readonly hooks: KubernetesPlatformTestHooks = {},
  ) {
    const { password, ...rest } = config;
    this.config = rest;
    this.#givenPassword = password;
    this.lab = config.lab;
    this.scope = `${config.namespace}/${config.release}`;
    this.container = redisContainerName(config.lab);
    this.namePattern = releasePodNamePattern(config.release, config.lab);
  }

  /** A getter on the prototype: JSON.stringify(platform) and object spreads never carry it. */
  get password(): string {
    return this.#secret ?? "";
  }

  /** From the pods' `redis-data` volume (PVC or emptyDir); the chart decides it, not the dashboard. */
  get persistence(): boolean | null {
    return this.watch ? persistenceOf(this.watch.current()) : null;
  }

  toJSON() {
    return { kind: this.kind, lab: this.lab, scope: this.scope, reach: this.config.reach };
  }

  async start(): Promise<void> {
    if (this.started) return;
    const { namespace, release, lab, reach } = this.config;
    let kc = this.hooks.kubeConfig;
    if (!kc) {
      const loaded = loadKubeConfig(this.config.kubeconfigPath);
      if (!loaded.ok) throw new KubernetesStartupError([loaded.problem]);
      kc = loaded.kc;
    }
    const api = new KubeApi(kc);
    this.api = api;

    const passwordFromSecret = !this.#givenPassword;
    const perms = applicablePermissions(requiredPermissions(release, lab), {
      portForward: reach === "port-forward",
      passwordFromSecret,
    });
    const accessProblems = await checkPermissions(api, namespace, perms);
    if (accessProblems.length > 0) throw new KubernetesStartupError(accessProblems);

    const problems: string[] = [];
    const [podCheck, password] = await Promise.all([
      checkPods(api, namespace, release, lab),
      resolvePassword(api, namespace, release, lab, this.#givenPassword).catch((err: Error) => {
        problems.push(err.message);
        return null;
      }),
    ]);
    problems.unshift(...podCheck.problems);
    if (problems.length > 0) throw new KubernetesStartupError(problems);
    this.#secret = password;

    const watch = new PodWatch(api, {
      namespace,
      labelSelector: releaseSelector(release, lab),
      ...this.hooks.watch,
    });
    this.watch = watch;
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
        lab,
        this.container,
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
    for (const f of this.followers) f.stop();
    this.followers.clear();
    this.listeners.clear();
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
    const pod = this.watch?.current().get(name);
    return pod !== undefined && isReleasePod(pod, this.config.release);
  }

  async deletePod(name: string, mode: DeleteMode): Promise<void> {
    if (mode !== "graceful" && mode !== "crash") throw new Error(`unknown delete mode: ${String(mode)}`);
    // Refused here, before any request: only a pod we watch, of this release, in this namespace.
    if (!this.ownsPod(name)) {
      throw new Error(
        `refused: ${String(name).slice(0, 100)} is not a pod of release ${this.config.release} in namespace ${this.config.namespace}`,
      );
    }
    const pod = this.watch!.current().get(name)!;
    try {
      // The uid precondition makes the API refuse if the name now belongs to another incarnation.
      await this.api!.deletePod(this.config.namespace, name, mode === "crash" ? 0 : undefined, podUid(pod));
    } catch (err) {
      const e = err as KubeError;
      if (e.status === 409)
        throw new KubeError(
          `pod ${name} was replaced since it was listed; nothing was deleted, try again`,
          409,
          "Conflict",
        );
      throw err;
    }
  }

  /**
   * `onError` (optional, beyond the Platform interface) hears about refusals a person must act on, such as a
   * 403 on pods/log; drops and restarts are handled silently.
   */
  followLog(name: string, onLine: (line: string) => void, onError?: (message: string) => void): () => void {
    if (typeof name !== "string" || !isValidObjectName(name) || !this.namePattern.test(name))
      throw new Error(
        `refused: ${String(name).slice(0, 100)} is not a pod of release ${this.config.release}`,
      );
    if (!this.api || !this.watch) throw new Error("kubernetes platform not started");
    const watch = this.watch;
    const follower = new LogFollower({
      api: this.api,
      namespace: this.config.namespace,
      container: this.container,
      podName: name,
      getPod: () => watch.current().get(name),
      onPodsChange: (cb) => watch.onChange(cb),
      onLine,
      onError,
      initialTailLines: 1000,
      backoffMinMs: this.hooks.logBackoffMinMs,
      backoffMaxMs: this.hooks.logBackoffMaxMs,
    });
    this.followers.add(follower);
    return () => {
      follower.stop();
      this.followers.delete(follower);
    };
  }

  resolve(podIp: string, port: number): RedisAddress {
    if (this.config.reach === "pod-ip" || !this.pool) return { host: podIp, port };
    return this.pool.resolve(podIp, port);
  }

  /** For ioredis `Cluster` options: `{ natMap: platform.natMap() }`. Identity in pod-ip mode. */
  natMap(): NatMapFunction {
    return this.pool ? this.pool.natMap() : () => null;
  }

  private podNameForIp(ip: string): string | null {
    for (const p of this.watch?.current().values() ?? [])
      if (p.status?.podIP === ip && !p.metadata?.deletionTimestamp) return p.metadata?.name ?? null;
    return null;
  }

  private publish() {
    if (this.stopped) return;
    const pods = this.watch!.current();
    this.hints?.update(pods);
    const states = podStates(pods, this.container, this.hints?.current());
    const json = JSON.stringify(states);
    if (json === this.lastJson) return;
    this.last = states;
    this.lastJson = json;
    if (this.pool)
      this.pool.prune(new Set(states.map((s) => s.ip).filter((ip): ip is string => ip !== null)));
    for (const l of this.listeners) l(states);
  }
}

/** Labels and owner as the chart's StatefulSets set them. */
function isReleasePod(pod: V1Pod, release: string): boolean {
  const labels = pod.metadata?.labels ?? {};
  if (labels["app.kubernetes.io/instance"] !== release) return false;
  const owners = pod.metadata?.ownerReferences ?? [];
  return owners.some((o) => o.kind === "StatefulSet" && o.controller !== false);
}
