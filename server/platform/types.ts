import type { AofUnavailable } from "@/lib/aof/aofListing";
import type { DeleteMode, LabKind, PlatformKind, PlatformStatus, PodState } from "@/lib/types";

/** Thrown by `aofFiles` when the files cannot be read at all (not: the dir is gone); says why as facts. */
export class AofUnavailableError extends Error {
  constructor(readonly unavailable: AofUnavailable) {
    super(unavailable.reason === "exec-failed" ? unavailable.detail : `${unavailable.reason}`);
    this.name = "AofUnavailableError";
  }
}

/** Where the server reaches one pod's Redis. */
export interface RedisAddress {
  host: string;
  port: number;
}

/**
 * Where the pods of a lab live. Everything above this interface (observers, actions, hub, UI) is the
 * same for the local and the kubernetes platform.
 */
export interface Platform {
  readonly kind: PlatformKind;
  readonly lab: LabKind;
  /** Human-readable scope, e.g. `redis-cluster/ds-redis` or `local:.data`. */
  readonly scope: string;

  /** Brings the lab up (local: spawn redis-server pods and form the cluster; kubernetes: checks + informer). */
  start(): Promise<void>;
  /** Stops watching; local: stops every child redis-server. Idempotent. */
  stop(): Promise<void>;
  /**
   * The pods belong to someone else (helm) and stop() only lets go of them: a lab switch then starts the
   * next lab's platform, its checks passed, before this one stops, so a refused switch changes nothing.
   * Unset where stop() ends the pods themselves (local): one lab's pods stop before the other's start.
   */
  readonly observesOnly?: boolean;
  /** Where there is no reset: what to do instead (kubernetes: reinstall the release), as message params. */
  readonly resetAdvice?: { namespace: string; release: string };

  /** Current pods of the lab, sorted by name. */
  pods(): PodState[];
  /** Called with the full pod list whenever any pod changes. Returns an unsubscribe function. */
  onPods(listener: (pods: PodState[]) => void): () => void;

  /** True when `name` is a pod of the configured release (the only pods that may be deleted). */
  ownsPod(name: string): boolean;
  /**
   * Deletes a pod of the lab; it comes back with the same name and a new IP. Rejects for foreign pods.
   * Resolves once the replacement is Running (or after a bounded wait), not when the delete is accepted:
   * the action lock is held until then, so a second delete cannot overlap the first one's run.
   */
  deletePod(name: string, mode: DeleteMode): Promise<void>;

  /**
   * Follows a pod's Redis log across restarts of the pod. `onLine` gets each line as Redis wrote it.
   * Returns a function that stops following.
   */
  followLog(name: string, onLine: (line: string) => void): () => void;

  /** The address at which this process reaches the Redis of the pod with this IP (pod IPs or port-forwards). */
  resolve(podIp: string, port: number): RedisAddress;

  /**
   * Where every new connection is a tunnel (kubernetes port-forward: one `pods/portforward` stream through the
   * API server each), how many short-lived connections the probes may hold open at once; absent: no bound.
   */
  readonly maxShortConnections?: number;

  /** For a cluster-aware client: maps the addresses Redis announces to reachable ones, where they differ. */
  natMap?(): (key: string) => RedisAddress | null;

  /** What the platform cannot see now (kubernetes: API unreachable, refused logs); absent: always fine. */
  status?(): PlatformStatus;
  onStatus?(listener: (s: PlatformStatus) => void): () => void;

  /** The Redis password; never leaves the server. */
  readonly password: string;

  /** Whether pods keep their data across recreation; null where the platform does not decide it. */
  readonly persistence: boolean | null;

  /**
   * Lab A: the chart's Services as stable addresses (`<release>-master`, `<release>-replicas`); null while
   * the Service has no ready endpoint. `serviceName` is what `redis-cli -h` would be given.
   */
  serviceAddress?(service: "master" | "replicas"): RedisAddress | null;
  serviceName?(service: "master" | "replicas"): string;
  /**
   * Lab A: the files of a pod's `appendonlydir/` (empty when the dir is gone); rejects with an
   * AofUnavailableError when they cannot be read (kubernetes without `create pods/exec`).
   */
  aofFiles?(pod: string): Promise<{ name: string; data: Uint8Array; size?: number }[]>;
  /** Known before any read: why `aofFiles` cannot work here (the start-up check found the permission missing). */
  aofUnavailable?(): AofUnavailable | null;
  /** Local: kills every child at once, for process exit handlers. */
  killAllSync?(): void;

  /** Local only: a fresh 3+3 lab with `a b c` set, optionally switching persistence. */
  reset?(opts: { persistence?: boolean }): Promise<void>;
}
