import type { Redis } from "ioredis";
import { parseClusterInfo, parseClusterNodes } from "@/lib/clusterNodes";
import { buildTopology } from "@/lib/topology";
import { diffTopology } from "@/lib/topologyDiff";
import type { NodeView, PodState, Topology } from "@/lib/types";
import type { Platform } from "../platform/types";
import { connectNode, open } from "../redis/connect";
import type { Store } from "../store";

const REDIS_PORT = 6379;
/**
 * A pod that has not answered for this long is shown as silent. A loaded machine (or Redis saving nodes.conf)
 * delays replies by a few hundred ms; that is slow, not silent. A frozen pod is still shown silent within this
 * bound, whatever its connection does (a connect with a password to a frozen server takes seconds).
 */
export const SILENT_AFTER_MS = 500;
/** As long as a real client waits (DESIGN §4); silence is shown by SILENT_AFTER_MS, not by this timeout. */
const COMMAND_TIMEOUT_MS = 1000;

/** One pod at one IP, read by its own loop so that a hung pod delays nobody else's view. */
interface PodLoop {
  pod: string;
  ip: string;
  redis: Redis | null;
  stopped: boolean;
  timer: NodeJS.Timeout | null;
  /** When the read in flight was sent; null between reads. */
  inFlightSince: number | null;
  /** When the read behind `view` was sent: a view is fresh for a waiter that asked before this. */
  viewSentAt: number;
  view: NodeView | null;
  /** When the pod stopped answering (the send time of the first read it left unanswered); null while it answers. */
  silentSince: number | null;
  /** viewKey() of `view` as last used in a recompute. */
  viewKey: string;
  keyCount: number | null;
}

interface Waiter {
  since: number;
  resolve: (t: Topology) => void;
}

/**
 * Reads every pod's own `CLUSTER NODES` and `CLUSTER INFO`, each pod on its own loop, and recomputes the topology
 * whenever any view arrives. It publishes only when anything but the ping/pong clocks and read times changed, with
 * the events the change implies, stamped with the time of the read that revealed them. The poller is the only
 * reader: actions ask for `latest()` or wait for `fresh()`, they never poll themselves.
 */
export class TopologyPoller {
  private readonly loops = new Map<string, PodLoop>();
  private tick: NodeJS.Timeout | null = null;
  private stopped = true;
  private lastKey = "";
  private previous: Topology | null = null;
  private current: Topology = { nodes: [], clusterState: "unknown", views: [] };
  private waiters: Waiter[] = [];
  private publications = 0;
  readonly silentAfterMs: number;

  constructor(
    private readonly platform: Platform,
    private readonly store: Store,
    private readonly periodMs: number,
  ) {
    this.silentAfterMs = Math.max(SILENT_AFTER_MS, 2 * periodMs);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.sync();
    this.tick = setInterval(() => this.sync(), this.periodMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.tick) clearInterval(this.tick);
    this.tick = null;
    for (const name of [...this.loops.keys()]) this.endLoop(name);
    for (const w of this.waiters.splice(0)) w.resolve(this.current);
  }

  /** The topology of the latest read of every pod, published or not: its views carry current read times. */
  latest(): Topology {
    return this.current;
  }

  /** Counts up each time a changed topology is published. */
  get version(): number {
    return this.publications;
  }

  /** `DBSIZE` of each pod whose latest read answered. */
  keyCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const l of this.loops.values()) {
      if (l.view?.reachable && l.keyCount !== null) out[l.pod] = l.keyCount;
    }
    return out;
  }

  /**
   * Resolves with the topology once every pod with an IP has been read by a read sent after this call, or is
   * silent: what an action needs to verify its effect, without a poll of its own.
   */
  fresh(): Promise<Topology> {
    if (this.stopped) return Promise.resolve(this.current);
    return new Promise((resolve) => {
      this.waiters.push({ since: Date.now(), resolve });
    });
  }

  /** Starts loops for new pods or IPs, ends those of pods that went, marks silent views, serves waiters. */
  private sync(): void {
    const pods = this.platform.pods().filter((p): p is PodState & { ip: string } => !!p.ip);
    let changed = false;
    for (const [name, l] of this.loops) {
      if (!pods.some((p) => p.name === name && p.ip === l.ip)) {
        this.endLoop(name);
        changed = true;
      }
    }
    for (const p of pods) if (!this.loops.has(p.name)) this.startLoop(p.name, p.ip);
    const now = Date.now();
    for (const l of this.loops.values()) {
      if (l.silentSince !== null || l.inFlightSince === null || now - l.inFlightSince < this.silentAfterMs)
        continue;
      l.silentSince = l.inFlightSince;
      l.view = silentView(l.pod, l.ip, l.silentSince, now);
      l.viewKey = viewKey(l.view);
      changed = true;
    }
    if (changed) this.recompute(now);
    else this.serveWaiters();
  }

  private startLoop(pod: string, ip: string): void {
    const l: PodLoop = {
      pod,
      ip,
      redis: null,
      stopped: false,
      timer: null,
      inFlightSince: null,
      viewSentAt: 0,
      view: null,
      silentSince: null,
      viewKey: "",
      keyCount: null,
    };
    this.loops.set(pod, l);
    void this.runLoop(l);
  }

  private endLoop(pod: string): void {
    const l = this.loops.get(pod);
    if (!l) return;
    l.stopped = true;
    if (l.timer) clearTimeout(l.timer);
    l.redis?.disconnect();
    this.loops.delete(pod);
  }

  private async runLoop(l: PodLoop): Promise<void> {
    while (!l.stopped) {
      const sent = Date.now();
      l.inFlightSince = sent;
      const { view, keyCount } = await this.read(l);
      if (l.stopped) return;
      l.inFlightSince = null;
      l.viewSentAt = sent;
      l.keyCount = keyCount;
      // A read that timed out is the same silence, not a new failure: the view keeps saying since when.
      if (!view.reachable && view.error === "timed out") {
        l.silentSince ??= sent;
        l.view = silentView(l.pod, l.ip, l.silentSince, view.at);
      } else {
        l.silentSince = null;
        l.view = view;
      }
      // Most reads only move clocks: swap the fresh view in without rebuilding the topology.
      const key = viewKey(l.view);
      if (key === l.viewKey && this.current.views.some((v) => v.pod === l.pod)) {
        this.current = {
          ...this.current,
          views: this.current.views.map((v) => (v.pod === l.pod ? l.view! : v)),
        };
        this.serveWaiters();
      } else {
        l.viewKey = key;
        this.recompute(view.at);
      }
      const wait = Math.max(0, this.periodMs - (Date.now() - sent));
      await new Promise<void>((r) => (l.timer = setTimeout(r, wait)));
    }
  }

  private recompute(t: number): void {
    const views = [...this.loops.values()]
      .filter((l) => l.view)
      .sort((a, b) => (a.pod < b.pod ? -1 : 1))
      .map((l) => l.view!);
    const topology = buildTopology(this.platform.pods(), views);
    this.current = topology;
    const key = topologyKey(topology);
    if (key !== this.lastKey) {
      this.lastKey = key;
      this.store.addEvents(diffTopology(this.previous, topology, t));
      this.previous = topology;
      this.publications++;
      this.store.setTopology(topology);
    }
    this.serveWaiters();
  }

  private serveWaiters(): void {
    if (this.waiters.length === 0) return;
    const pods = this.platform.pods().filter((p) => p.ip);
    this.waiters = this.waiters.filter((w) => {
      const done = pods.every((p) => {
        const l = this.loops.get(p.name);
        return !!l && l.ip === p.ip && (l.silentSince !== null || (!!l.view && l.viewSentAt >= w.since));
      });
      if (done) w.resolve(this.current);
      return !done;
    });
  }

  private async read(l: PodLoop): Promise<{ view: NodeView; keyCount: number | null }> {
    const base: NodeView = {
      pod: l.pod,
      ip: l.ip,
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
      const redis = await this.connection(l);
      const [nodes, info, keyCount] = (await Promise.all([
        redis.call("CLUSTER", "NODES"),
        redis.call("CLUSTER", "INFO"),
        redis.dbsize(),
      ])) as [string, string, number];
      const entries = parseClusterNodes(nodes);
      const parsedInfo = parseClusterInfo(info);
      const view: NodeView = {
        ...base,
        reachable: true,
        myId: entries.find((e) => e.flags.includes("myself"))?.id ?? null,
        clusterState: parsedInfo.state,
        knownNodes: parsedInfo.knownNodes,
        currentEpoch: parsedInfo.currentEpoch,
        entries,
        at: Date.now(),
      };
      return { view, keyCount };
    } catch (err) {
      l.redis?.disconnect();
      l.redis = null;
      return { view: { ...base, error: describeRedisError(err), at: Date.now() }, keyCount: null };
    }
  }

  private async connection(l: PodLoop): Promise<Redis> {
    if (l.redis?.status === "ready") return l.redis;
    l.redis?.disconnect();
    const redis = connectNode(this.platform.resolve(l.ip, REDIS_PORT), this.platform.password, {
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: 500,
    });
    redis.on("error", () => {});
    l.redis = redis;
    return open(redis);
  }
}

/** A pod that stopped answering: shown as such at once, while its loop still waits for the read it sent. */
function silentView(pod: string, ip: string, since: number, now: number): NodeView {
  return {
    pod,
    ip,
    reachable: false,
    error: "no answer",
    silentSince: since,
    myId: null,
    clusterState: null,
    knownNodes: 0,
    currentEpoch: 0,
    entries: [],
    at: now,
  };
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
      v.silentSince ?? null,
      v.clusterState,
      v.knownNodes,
      v.currentEpoch,
      v.entries.map((e) => [e.id, e.ip, e.flags, e.role, e.masterId, e.configEpoch, e.linkState, e.slots]),
    ]),
  });
}

/** What of one view the topology depends on; the same key means only clocks moved. */
function viewKey(v: NodeView): string {
  return JSON.stringify(topologyKey({ nodes: [], clusterState: "unknown", views: [v] }));
}

export function describeRedisError(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  if (/ECONNREFUSED/.test(msg)) return "connection refused";
  if (/timed? ?out|ETIMEDOUT/i.test(msg)) return "timed out";
  return msg.slice(0, 200);
}
