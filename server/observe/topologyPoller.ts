import { parseClusterInfo, parseClusterNodes } from "@/lib/clusterNodes";
import { buildTopology } from "@/lib/topology";
import { diffTopology } from "@/lib/topologyDiff";
import { foldOutcomes, type LaneOutcomes, NO_OUTCOMES } from "@/lib/streamBatch";
import type { ClusterNodeEntry, NodeView, PodState, ProbeSample, Topology } from "@/lib/types";
import type { Platform } from "../platform/types";
import type { Store } from "../store";
import { dropConnection, PerPodLoops, podConnection, podLoop, type PodLoop } from "./perPodLoops";
import { clusterLabState } from "@/lib/labs/cluster/state";

/**
 * A pod that has not answered for this long is shown as silent. A loaded machine (or Redis saving nodes.conf)
 * delays replies by a few hundred ms; that is slow, not silent. A frozen pod is still shown silent within this
 * bound, whatever its connection does (a connect with a password to a frozen server takes seconds).
 */
export const SILENT_AFTER_MS = 500;
/** As long as a real client waits (DESIGN §4); silence is shown by SILENT_AFTER_MS, not by this timeout. */
const COMMAND_TIMEOUT_MS = 1000;
/**
 * Reads asked for by a signal (a log line, a probe turning, a pod change) come in bursts during a failover:
 * one pod is read at most this often, whatever asks, so a burst costs a few reads and not one per line.
 */
const MIN_READ_GAP_MS = 25;
/**
 * `CLUSTER INFO` (state, known nodes, epoch) and `DBSIZE` are read with every read that was asked for, when the
 * node table moved, and otherwise on every Nth steady read: what they say changes with the node table or with a
 * logged event, and this catches the rest within about a second.
 */
const FULL_READ_EVERY = 4;

/** A topology loop: the common loop, plus what this pod last said and since when it is silent. */
interface TopologyLoop extends PodLoop {
  /** When the read behind `view` was sent: a view is fresh for a waiter that asked before this. */
  viewSentAt: number;
  view: NodeView | null;
  /** When the pod stopped answering (the send time of the first read it left unanswered); null while it answers. */
  silentSince: number | null;
  /** viewKey() of `view` as last used in a recompute. */
  viewKey: string;
  keyCount: number | null;
  /** Steady reads since the last full one (CLUSTER INFO + DBSIZE). */
  sinceFull: number;
  /** The node table of the latest answer without its clocks: a change means CLUSTER INFO may have changed. */
  entriesKey: string;
  /** The latest CLUSTER INFO, reused by the reads that do not send it. */
  info: ReturnType<typeof parseClusterInfo> | null;
  /** Marks the pod silent when the read in flight has not answered within silentAfterMs. */
  silenceTimer: NodeJS.Timeout | null;
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
 *
 * The steady loop is slow (the period); what says the cluster changed makes every pod be read at once: a Redis
 * log line that the log panel marks (PFAIL, FAIL, election, `Cluster state changed`), a probe lane failing or
 * recovering, a pod change from the platform, and `fresh()`. A frozen pod gives none of these signals, so the
 * period bounds when it is seen silent: at most one period plus silentAfterMs after it stopped.
 */
export class TopologyPoller {
  private readonly loops: PerPodLoops<TopologyLoop>;
  private tick: NodeJS.Timeout | null = null;
  private stopped = true;
  private lastKey = "";
  private previous: Topology | null = null;
  private current: Topology = { nodes: [], clusterState: "unknown", views: [] };
  private waiters: Waiter[] = [];
  private publications = 0;
  private unsubscribe: (() => void)[] = [];
  /** Each probe lane's latest outcome, to notice a lane turning either way (lib/streamBatch.ts). */
  private probeOutcomes: LaneOutcomes = NO_OUTCOMES;
  readonly silentAfterMs: number;

  constructor(
    private readonly platform: Platform,
    private readonly store: Store,
    private readonly periodMs: number,
  ) {
    this.silentAfterMs = Math.max(SILENT_AFTER_MS, 2 * periodMs);
    this.loops = new PerPodLoops<TopologyLoop>({
      periodMs,
      minGapMs: MIN_READ_GAP_MS,
      create: (pod, ip) => ({
        ...podLoop(pod, ip),
        viewSentAt: 0,
        view: null,
        silentSince: null,
        viewKey: "",
        keyCount: null,
        sinceFull: 0,
        entriesKey: "",
        info: null,
        silenceTimer: null,
      }),
      readOnce: (l, asked, sent) => this.readOnce(l, asked, sent),
      ended: (l) => {
        if (l.silenceTimer) clearTimeout(l.silenceTimer);
      },
    });
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.sync();
    this.tick = setInterval(() => this.sync(), this.periodMs);
    const onCue = () => this.readAllNow();
    const onProbes = (samples: ProbeSample[]) => {
      const { outcomes, turned } = foldOutcomes(this.probeOutcomes, samples);
      this.probeOutcomes = outcomes;
      if (turned) this.readAllNow();
    };
    this.store.on("cue", onCue);
    this.store.on("probes", onProbes);
    this.unsubscribe.push(
      () => this.store.off("cue", onCue),
      () => this.store.off("probes", onProbes),
      this.platform.onPods(() => {
        this.sync();
        this.readAllNow();
      }),
    );
  }

  stop(): void {
    this.stopped = true;
    if (this.tick) clearInterval(this.tick);
    this.tick = null;
    for (const u of this.unsubscribe.splice(0)) u();
    this.loops.endAll();
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
    const waiting = new Promise<Topology>((resolve) => {
      this.waiters.push({ since: Date.now(), resolve });
    });
    this.readAllNow();
    return waiting;
  }

  /**
   * Reads every pod now instead of at its next period, single-flight per pod: a pod with a read in flight is
   * read again right after it, so whoever asked gets a read sent after asking.
   */
  readAllNow(): void {
    if (!this.stopped) this.loops.readAllNow();
  }

  /** Starts loops for new pods or IPs, ends those of pods that went, serves waiters. */
  private sync(): void {
    const pods = this.platform.pods().filter((p): p is PodState & { ip: string } => !!p.ip);
    if (this.loops.sync(pods).length > 0) this.recompute(Date.now());
    else this.serveWaiters();
  }

  /** The read sent at `sent` has not answered within silentAfterMs: show the pod silent now, not at its answer. */
  private markSilent(l: TopologyLoop, sent: number): void {
    l.silenceTimer = null;
    if (l.stopped || l.silentSince !== null || l.inFlightSince !== sent) return;
    const now = Date.now();
    l.silentSince = sent;
    l.view = silentView(l.pod, l.ip, sent, now);
    l.viewKey = viewKey(l.view);
    this.recompute(now);
  }

  /** One read of a pod, timed for silence, and the view it gives folded into the topology. */
  private async readOnce(l: TopologyLoop, asked: boolean, sent: number): Promise<void> {
    l.silenceTimer = setTimeout(() => this.markSilent(l, sent), this.silentAfterMs);
    const { view, keyCount } = await this.read(l, asked || l.sinceFull + 1 >= FULL_READ_EVERY);
    clearTimeout(l.silenceTimer);
    l.silenceTimer = null;
    if (l.stopped) return;
    l.viewSentAt = sent;
    if (keyCount !== null || !view.reachable) l.keyCount = keyCount;
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
      this.store.setLabState(clusterLabState(topology));
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

  /**
   * One pod's view. A full read sends `CLUSTER NODES`, `CLUSTER INFO` and `DBSIZE` together; a steady one only
   * `CLUSTER NODES`, followed by `CLUSTER INFO` when the node table moved. `keyCount` is null when not read.
   */
  private async read(l: TopologyLoop, full: boolean): Promise<{ view: NodeView; keyCount: number | null }> {
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
      const redis = await podConnection(l, this.platform, {
        commandTimeout: COMMAND_TIMEOUT_MS,
        connectTimeout: 500,
      });
      full ||= !l.info;
      const [nodes, info, keyCount] = (await Promise.all([
        redis.call("CLUSTER", "NODES"),
        full ? redis.call("CLUSTER", "INFO") : null,
        full ? redis.dbsize() : null,
      ])) as [string, string | null, number | null];
      const entries = parseClusterNodes(nodes);
      const key = entriesKey(entries);
      const moved = key !== l.entriesKey;
      l.entriesKey = key;
      const parsedInfo =
        info !== null
          ? parseClusterInfo(info)
          : moved
            ? parseClusterInfo((await redis.call("CLUSTER", "INFO")) as string)
            : l.info!;
      l.info = parsedInfo;
      l.sinceFull = full ? 0 : l.sinceFull + 1;
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
      dropConnection(l);
      // The next answer is compared with nothing: read it whole.
      l.info = null;
      l.entriesKey = "";
      return { view: { ...base, error: describeRedisError(err), at: Date.now() }, keyCount: null };
    }
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

/** A node table without its ping/pong clocks: what CLUSTER INFO's state, size and epoch move with. */
function entriesKey(entries: ClusterNodeEntry[]): string {
  return JSON.stringify(
    entries.map((e) => [e.id, e.ip, e.flags, e.role, e.masterId, e.configEpoch, e.linkState, e.slots]),
  );
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
