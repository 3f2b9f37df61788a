import { decideReadiness } from "@/lib/readiness";
import { oneShot } from "../../redis/connect";
import type { Platform, RedisAddress } from "../types";
import path from "node:path";
import { formCluster } from "./formCluster";
import {
  type LocalPod,
  LocalPodSet,
  type PodSetOptions,
  pendingPod,
  probeFailure,
  REDIS_PORT,
} from "./localPodSet";

export interface LocalPlatformOptions extends PodSetOptions {
  nodeTimeoutMs: number;
  requireFullCoverage: boolean;
  keys: Record<string, string>;
}

const POD_COUNT = 6;

/**
 * The embedded lab B: six `redis-server` children that behave like the pods of the bitnami redis-cluster
 * StatefulSet, formed into a cluster as the chart's init does, with the chart's readiness probe.
 */
export class LocalPlatform extends LocalPodSet<LocalPod, LocalPlatformOptions> implements Platform {
  readonly lab = "cluster" as const;

  constructor(o: LocalPlatformOptions) {
    const release = o.release ?? "ds-redis";
    super(
      o,
      Array.from({ length: POD_COUNT }, (_, i) => pendingPod(`${release}-redis-cluster-${i}`)),
    );
  }

  protected podsRoot(): string {
    return path.join(this.absDir, "pods");
  }

  protected keepsData(): boolean {
    return this.o.persistence;
  }

  protected redisOptions() {
    return {
      cluster: true,
      nodeTimeoutMs: this.o.nodeTimeoutMs,
      extra: ["--cluster-require-full-coverage", this.o.requireFullCoverage ? "yes" : "no"],
    };
  }

  protected async bringUp(): Promise<void> {
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
  }

  /**
   * `ping_readiness_local.sh`: PING, and until it has passed once, `cluster_state:ok` too (see
   * decideReadiness), which is why a restarted, empty master stays 0/1.
   */
  protected async readinessCheck(
    pod: LocalPod,
    addr: RedisAddress,
    timeoutMs: number,
  ): Promise<string | null> {
    let ping: string;
    let clusterInfo: string | null = null;
    try {
      [ping, clusterInfo] = await oneShot(addr, this.password, timeoutMs, async (r) => {
        const pong = await r.ping();
        const info = pod.passedOnce ? null : ((await r.call("CLUSTER", "INFO")) as string);
        return [pong, info] as const;
      });
    } catch (err) {
      ping = probeFailure(err, addr);
    }
    return decideReadiness({ ping, clusterInfo, passedOnce: pod.passedOnce }).reason;
  }
}
