import type { Redis } from "ioredis";
import { parseClusterInfo, parseClusterNodes } from "@/lib/clusterNodes";
import { buildTopology } from "@/lib/topology";
import { diffTopology } from "@/lib/topologyDiff";
import type { NodeView, PodState, Topology } from "@/lib/types";
import type { Platform } from "../platform/types";
import { connectNode, open } from "../redis/connect";
import type { Store } from "../store";

const REDIS_PORT = 6379;

interface PodConnection {
  ip: string;
  redis: Redis;
}

/**
 * Reads every pod's own `CLUSTER NODES` and `CLUSTER INFO` on a short period and publishes the topology
 * when anything but the ping/pong clocks changed, with the events the change implies.
 */
export class TopologyPoller {
  private readonly conns = new Map<string, PodConnection>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private lastKey = "";
  private previous: Topology | null = null;

  constructor(
    private readonly platform: Platform,
    private readonly store: Store,
    private readonly periodMs: number,
  ) {}

  start(): void {
    this.stopped = false;
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const c of this.conns.values()) c.redis.disconnect();
    this.conns.clear();
  }

  /** One poll now; resolves with the topology it published (or kept). Used by actions that must not act on stale views. */
  async pollOnce(): Promise<Topology> {
    const pods = this.platform.pods();
    const views = await Promise.all(pods.filter((p) => p.ip).map((p) => this.readView(p)));
    this.dropStale(pods);
    const topology = buildTopology(pods, views);
    const key = topologyKey(topology);
    if (key !== this.lastKey) {
      this.lastKey = key;
      this.store.addEvents(diffTopology(this.previous, topology, Date.now()));
      this.previous = topology;
      this.store.setTopology(topology);
    }
    return this.store.topology;
  }

  private async loop(): Promise<void> {
    if (this.stopped) return;
    const started = Date.now();
    try {
      await this.pollOnce();
    } catch (err) {
      console.error("topology poll failed:", err);
    }
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.loop(), Math.max(0, this.periodMs - (Date.now() - started)));
  }

  private async readView(pod: PodState): Promise<NodeView> {
    const ip = pod.ip!;
    const base: NodeView = {
      pod: pod.name,
      ip,
      reachable: false,
      error: null,
      myId: null,
      clusterState: null,
      knownNodes: 0,
      currentEpoch: 0,
      entries: [],
      at: Date.now(),
    };
    try {
      const redis = await this.connection(pod.name, ip);
      const [nodes, info] = (await Promise.all([
        redis.call("CLUSTER", "NODES"),
        redis.call("CLUSTER", "INFO"),
      ])) as [string, string];
      const entries = parseClusterNodes(nodes);
      const parsedInfo = parseClusterInfo(info);
      return {
        ...base,
        reachable: true,
        myId: entries.find((e) => e.flags.includes("myself"))?.id ?? null,
        clusterState: parsedInfo.state,
        knownNodes: parsedInfo.knownNodes,
        currentEpoch: parsedInfo.currentEpoch,
        entries,
        at: Date.now(),
      };
    } catch (err) {
      this.drop(pod.name);
      return { ...base, error: describeRedisError(err) };
    }
  }

  private async connection(pod: string, ip: string): Promise<Redis> {
    const existing = this.conns.get(pod);
    if (existing && existing.ip === ip && existing.redis.status === "ready") return existing.redis;
    if (existing) this.drop(pod);
    const redis = connectNode(this.platform.resolve(ip, REDIS_PORT), this.platform.password, {
      commandTimeout: Math.max(200, this.periodMs * 2),
      connectTimeout: 500,
    });
    redis.on("error", () => {});
    this.conns.set(pod, { ip, redis });
    return open(redis);
  }

  private drop(pod: string): void {
    this.conns.get(pod)?.redis.disconnect();
    this.conns.delete(pod);
  }

  private dropStale(pods: PodState[]): void {
    for (const [name, c] of this.conns) {
      if (!pods.some((p) => p.name === name && p.ip === c.ip)) this.drop(name);
    }
  }
}

/** The parts of a topology that matter to a viewer; ping/pong clocks and read times change every poll. */
function topologyKey(t: Topology): string {
  return JSON.stringify({
    n: t.nodes,
    s: t.clusterState,
    v: t.views.map((v) => [
      v.pod,
      v.ip,
      v.reachable,
      v.error,
      v.clusterState,
      v.knownNodes,
      v.currentEpoch,
      v.entries.map((e) => [e.id, e.ip, e.flags, e.role, e.masterId, e.configEpoch, e.linkState, e.slots]),
    ]),
  });
}

export function describeRedisError(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  if (/ECONNREFUSED/.test(msg)) return "connection refused";
  if (/timed? ?out|ETIMEDOUT/i.test(msg)) return "timed out";
  return msg.slice(0, 200);
}
