import { Redis } from "ioredis";
import type { V1Pod } from "@kubernetes/client-node";
import { decideReadiness } from "@/lib/readiness";
import type { RedisAddress } from "../types";
import { containerRunning, podUid, type PodMap } from "./podMapping";

/**
 * The readiness probe's own words for pods that are running but not ready. The kubelet puts the probe's
 * output (`cluster_state:fail`) only into Events, which the Role does not grant; so for those pods we ask
 * Redis what the chart's `ping_readiness_local.sh` asks it (PING, then CLUSTER INFO until it passed once),
 * every probe period, and use the answer as the not-ready reason.
 */
export class ReadinessHints {
  private hints = new Map<string, string>();
  /** uids of incarnations seen Ready: the chart's script then only checks PING (its status file exists). */
  private passedOnce = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private pods: PodMap = new Map();
  private running = false;

  constructor(
    /** The chart's script asks CLUSTER INFO until the pod passed once (redis-cluster); else PING alone. */
    private readonly asksClusterInfo: boolean,
    private readonly containerOf: (pod: V1Pod) => string | null,
    private readonly resolve: (ip: string, port: number) => RedisAddress,
    private readonly password: () => string,
    private readonly onChange: () => void,
    private readonly periodMs = 5000,
    private readonly timeoutMs = 1000,
  ) {}

  current(): ReadonlyMap<string, string> {
    return this.hints;
  }

  /** Called by the platform before it publishes pods, so dropped hints need no extra notification. */
  update(pods: PodMap) {
    this.pods = pods;
    for (const p of pods.values()) if (isReady(p)) this.passedOnce.add(podUid(p));
    for (const name of [...this.hints.keys()]) {
      const p = pods.get(name);
      if (!p || !this.candidate(p)) this.hints.delete(name);
    }
    if (!this.timer && [...pods.values()].some((p) => this.candidate(p))) this.schedule(0);
  }

  stop() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pods = new Map();
  }

  private candidate(p: V1Pod): boolean {
    return (
      !p.metadata?.deletionTimestamp &&
      !isReady(p) &&
      Boolean(p.status?.podIP) &&
      containerRunning(p, this.containerOf(p))
    );
  }

  private schedule(ms: number) {
    this.timer = setTimeout(() => void this.tick(), ms);
  }

  private async tick() {
    if (this.running) return;
    this.running = true;
    try {
      const targets = [...this.pods.values()].filter((p) => this.candidate(p));
      const results = await Promise.all(targets.map((p) => this.probe(p)));
      let changed = false;
      targets.forEach((p, i) => {
        const name = p.metadata!.name!;
        const current = this.pods.get(name);
        // Only if the pod is still the same incarnation and still not ready.
        if (!current || podUid(current) !== podUid(p) || !this.candidate(current)) return;
        const reason = results[i];
        if (reason && this.hints.get(name) !== reason) {
          this.hints.set(name, reason);
          changed = true;
        }
      });
      if (changed) this.onChange();
    } finally {
      this.running = false;
      this.timer = null;
      if ([...this.pods.values()].some((p) => this.candidate(p))) this.schedule(this.periodMs);
    }
  }

  private async probe(p: V1Pod): Promise<string | null> {
    const addr = this.resolve(p.status!.podIP!, 6379);
    const r = new Redis({
      host: addr.host,
      port: addr.port,
      password: this.password() || undefined,
      lazyConnect: true,
      connectTimeout: this.timeoutMs,
      commandTimeout: this.timeoutMs,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      enableReadyCheck: false,
      retryStrategy: () => null,
    });
    r.on("error", () => undefined);
    const passedOnce = !this.asksClusterInfo || this.passedOnce.has(podUid(p));
    try {
      await r.connect();
      const ping = await r
        .ping()
        .catch((e: Error) => (/timed? ?out/i.test(e.message) ? "Timed out" : e.message));
      const info =
        ping === "PONG" && !passedOnce
          ? ((await r.call("CLUSTER", "INFO").catch(() => null)) as string | null)
          : null;
      return decideReadiness({ ping, clusterInfo: info, passedOnce }).reason;
    } catch {
      // Unreachable from here is not the probe's reason (the kubelet reaches it locally): say nothing.
      return null;
    } finally {
      r.disconnect();
    }
  }
}

function isReady(p: V1Pod): boolean {
  return p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}
