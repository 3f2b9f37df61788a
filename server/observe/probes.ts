import { Cluster } from "ioredis";
import { cliErrorReply, serviceOfPod } from "@/lib/cliReply";
import { ConnectionSlots } from "@/lib/connectionSlots";
import { classifyRedisError } from "@/lib/probeErrors";
import { type RestartableRead, restartableRead } from "@/lib/restartableRead";
import { keySlot } from "@/lib/slots";
import { foldOutcomes, type LaneOutcomes, NO_OUTCOMES } from "@/lib/streamBatch";
import { laneId } from "@/lib/timelineBuckets";
import type { ProbeLane, ProbeSample, Topology } from "@/lib/types";
import type { Platform, RedisAddress } from "../platform/types";
import { pipelinedGet } from "../redis/pipelinedRead";
import type { Store } from "../store";
import { topologyOf } from "@/lib/labs/cluster/state";
import type { LabState } from "@/lib/labs/labState";

const REDIS_PORT = 6379;
const MAX_REDIRECTS = 5;
const STUCK_CLIENT_MS = 5000;
/**
 * After a probed key's slot changed master, how soon and how many times the cluster client asks again while the
 * node it asked still names the old master: gossip takes a moment to reach every node after an election. The wait
 * doubles after each try (50, 100, 200 ... ms: asked 6 times within 1.6 s): each refresh holds the server's loop
 * 6-15 ms (CLUSTER_RETRY_MS), and reads do not wait for it meanwhile, they go to the new master directly.
 */
const FOLLOW_RETRY_MS = 50;
const FOLLOW_TRIES = 6;
/**
 * How long a read waits before it counts as failed: about what a person at `redis-cli` would wait, and far
 * longer than a busy machine's slow answer. A slow read is slow (its latency says so), not down.
 */
export const PROBE_READ_TIMEOUT_MS = 1000;
/**
 * A lane whose reads fail is read this many times per interval: its recovery is then seen within a quarter of
 * the interval of the first read that can succeed. The room compares the page with the seed's 1 s loop, which
 * answers again anywhere in its second; at the interval alone (200 ms) the loop's lucky read came first in about
 * one run in five (bench:latency). Only while failing: a healthy lane costs what it did.
 */
export const FAILING_READS_PER_INTERVAL = 4;
/**
 * How long the cluster client waits to retry a read that met a closed connection, CLUSTERDOWN or TRYAGAIN; it
 * refreshes its slots first, and each refresh holds the server's event loop 6-15 ms (ioredis rebuilds its
 * 16,384-slot table in one loop) and opens a connection to Redis. At 100 ms a deleted master's failover cost
 * ~120 refreshes (bench:latency), the stalls every publication of that moment waited behind. Recovery does not
 * wait for these retries: a published promotion restarts the reads (followOwners), so a retry only spends a
 * read's timeout, and at this delay a failing read still tries twice before PROBE_READ_TIMEOUT_MS.
 */
const CLUSTER_RETRY_MS = 400;
const SLOTS_SAFETY_REFRESH_MS = 30_000;

/**
 * The seed's two read loops, faster: per key, a long-lived cluster-aware client (like redis-py-cluster)
 * and a fresh connection per read through the Service that follows MOVED (like `redis-cli -c`).
 * A read starts every interval whether or not the last one answered, and waits PROBE_READ_TIMEOUT_MS before it
 * counts as failed, so downtime keeps the interval's resolution. Each read is published when it answers, not
 * after the reads started before it: one read sent towards a dead master before the election, waiting for its
 * timeout, held every later tick back, and the server had "reads ok" 690-990 ms after the election when its
 * reads had answered at 330-600 (bench:latency). The late one goes in by its `t` (lib/sortedInsert.ts), and says
 * nothing about its lane now (lib/streamBatch.ts foldOutcomes).
 */
export class Probes {
  private cluster: Cluster | null = null;
  private notReadySince: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly timeoutMs = PROBE_READ_TIMEOUT_MS;
  /** Reads that answered in this turn of the event loop: published together, at the end of it. */
  private answered: ProbeSample[] = [];
  private publishing: NodeJS.Immediate | null = null;
  /** Each lane's newest published read. */
  private outcomes: LaneOutcomes = NO_OUTCOMES;
  /** The lanes (laneId) whose newest published read failed: read FAILING_READS_PER_INTERVAL times an interval. */
  private failing: ReadonlySet<string> = new Set();
  /** Where each connection is a tunnel (port-forward), how many short-lived ones may be open at once. */
  private readonly slots: ConnectionSlots | null;
  /** Per probed key, the id of the master the poller last published for its slot. */
  private readonly owners = new Map<string, string>();
  private unsubscribe: (() => void) | null = null;
  /** Per probed key, the cluster lane's reads still waiting for an answer. */
  private readonly clusterReads = new Map<string, Set<RestartableRead<string | null>>>();
  /**
   * Per probed key whose slot moved, the new master as published (`ip:port`, and the address that reaches it),
   * until the cluster client's own slot table names it too.
   */
  private readonly newOwners = new Map<string, { names: string[]; addr: RedisAddress }>();

  constructor(
    private readonly platform: Platform,
    private readonly store: Store,
    private readonly keys: string[],
    private readonly intervalMs: number,
    readonly lanes: ProbeLane[] = ["cluster", "fresh"],
    /**
     * How often the cluster client re-reads the slot table on its own, besides what a change makes it do: only a
     * safety net, since a published promotion (followOwners), a MOVED reply and a closed connection each make it
     * refresh. Every refresh is a new connection, CLUSTER SLOTS, and 6-15 ms of the server's event loop (ioredis
     * rebuilds its 16,384-slot table in one loop); at every 2 s it was the top self time of the server's
     * JavaScript in bench:latency's profile.
     */
    private readonly slotsRefreshMs = SLOTS_SAFETY_REFRESH_MS,
  ) {
    const max = platform.maxShortConnections;
    this.slots = max ? new ConnectionSlots(max) : null;
  }

  /** The most short-lived connections that were open at once (bounded only where the platform asks for it). */
  get peakShortConnections(): number | null {
    return this.slots?.peak ?? null;
  }

  start(): void {
    // Every interval all lanes; between, the lanes whose latest published read failed.
    let step = 0;
    this.timer = setInterval(
      () => (step++ % FAILING_READS_PER_INTERVAL === 0 ? this.tick() : this.tick(this.failing)),
      this.intervalMs / FAILING_READS_PER_INTERVAL,
    );
    // The cluster lane's client follows lab B's published topology; another lab's state has no nodes.
    const onState = (s: LabState) => this.followOwners(topologyOf(s));
    onState(this.store.labState);
    this.store.on("labState", onState);
    this.unsubscribe = () => this.store.off("labState", onState);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.cluster?.disconnect();
    this.cluster = null;
    if (this.publishing) clearImmediate(this.publishing);
    this.publishing = null;
    this.answered = [];
    this.outcomes = NO_OUTCOMES;
    this.failing = new Set();
  }

  /** After a lab reset the cluster client's node table is stale: start it over from today's pods. */
  restart(): void {
    this.newOwners.clear();
    this.cluster?.disconnect();
    this.cluster = null;
  }

  /**
   * One read per key and lane (or only the lanes `of`), started now: the timer reads all every interval, the
   * failing ones in between.
   */
  tick(of?: ReadonlySet<string>): void {
    const t = Date.now();
    for (const key of this.keys) {
      for (const lane of this.lanes)
        if (!of || of.has(laneId(key, lane))) void this.sample(t, key, lane).then((s) => this.answer(s));
    }
  }

  /** A tick's reads mostly answer in one turn of the loop: they go to the store as one batch, not one each. */
  private answer(s: ProbeSample): void {
    if (!this.timer) return;
    this.answered.push(s);
    this.publishing ??= setImmediate(() => this.publish());
  }

  private publish(): void {
    this.publishing = null;
    const samples = this.answered.splice(0);
    if (!this.timer || samples.length === 0) return;
    this.outcomes = foldOutcomes(this.outcomes, samples).outcomes;
    this.failing = new Set([...this.outcomes].filter(([, o]) => o.outcome === "error").map(([id]) => id));
    this.store.addSamples(samples);
  }

  private async sample(t: number, key: string, lane: ProbeLane): Promise<ProbeSample> {
    const started = performance.now();
    const deadline = Date.now() + this.timeoutMs;
    // The address the read dialled, as redis-cli names it in "Could not connect to Redis at …"; the fresh lane
    // gives the logical pod IP, not the port-forward's local one.
    const dialled = { host: "" };
    try {
      const read: Promise<FreshRead> =
        lane === "cluster"
          ? this.clusterRead(key, deadline).then((value) => ({ value }))
          : lane === "fresh"
            ? this.freshRead(key, deadline, dialled)
            : this.podRead(lane, key, deadline, dialled).then((value) => ({ value }));
      const { value, via, redirected } = await withTimeout(read, this.timeoutMs);
      const latencyMs = performance.now() - started;
      const sample: ProbeSample = {
        t,
        key,
        lane,
        outcome: value === null ? "nil" : "ok",
        errorKind: null,
        value,
        latencyMs,
      };
      if (via) Object.assign(sample, { via, redirected });
      return sample;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return {
        t,
        key,
        lane,
        outcome: "error",
        errorKind: classifyRedisError(message),
        value: (cliErrorReply(message, dialled.host) ?? message).slice(0, 160),
        latencyMs: performance.now() - started,
      };
    }
  }

  /**
   * A cluster-lane read that starts over at the new master once a published topology moves the key's slot. An
   * attempt already sent towards the dead master waits in ioredis's failover/CLUSTERDOWN retries, which run only
   * after the client's slots refresh ends, and that refresh may be asking a node that does not answer for up to
   * its timeout (slotsRefreshTimeout): a failed sample for a read that could have succeeded, and while ticks
   * published in order it held every later ok sample back (~+850 ms after the election under load). Until the
   * client's own slot table names the new master, the read
   * goes straight to it, as a cluster-aware client with that slot table would (a MOVED from it is followed by the
   * client); its answer or error is the sample, and its latency still counts from the read's start.
   */
  private clusterRead(key: string, deadline: number): Promise<string | null> {
    const read = restartableRead(() => {
      const owner = this.newOwners.get(key);
      if (!owner || this.clientKnows(key, owner.names)) {
        this.newOwners.delete(key);
        return this.clusterClient().get(key);
      }
      return this.shortRead(owner.addr, key, deadline).catch((err: unknown) => {
        if (err instanceof Error && /^MOVED /.test(err.message)) return this.clusterClient().get(key);
        throw err;
      });
    });
    let pending = this.clusterReads.get(key);
    if (!pending) this.clusterReads.set(key, (pending = new Set()));
    pending.add(read);
    const done = () => pending.delete(read);
    read.promise.then(done, done);
    return read.promise;
  }

  private clientKnows(key: string, names: string[]): boolean {
    return names.includes(this.clusterTarget(key) ?? "");
  }

  /**
   * The poller publishes a promotion about 60 ms after Redis makes it; the cluster client would learn of it only
   * at its next periodic slots refresh, or when one of its retries happens to ask a node that already knows (the
   * page's reads of `a` came back ~900 ms after the election, later than the seed's 1 s loop). When a probed
   * key's slot has a new master in a published topology, the client refreshes its slots at once, and again while
   * the node it asked still names another master. Only on such a change: no steady load on Redis.
   */
  private followOwners(t: Topology): void {
    const want = new Map<number, string[]>();
    const moved: string[] = [];
    for (const key of this.keys) {
      const slot = keySlot(key);
      const owner = t.nodes.find(
        (n) =>
          n.role === "master" &&
          !n.flags.includes("fail") &&
          n.slots.some(([a, b]) => slot >= a && slot <= b),
      );
      if (!owner) continue;
      const was = this.owners.get(key);
      if (was !== owner.id) {
        if (was !== undefined) moved.push(key);
        this.owners.set(key, owner.id);
      }
      const reached = this.platform.resolve(owner.ip, owner.port);
      const names = [`${owner.ip}:${owner.port}`, `${reached.host}:${reached.port}`];
      want.set(slot, names);
      if (moved.includes(key)) this.newOwners.set(key, { names, addr: reached });
    }
    if (!moved.length) return;
    for (const key of moved) for (const read of this.clusterReads.get(key) ?? []) read.restart();
    this.refreshSlots(want, FOLLOW_TRIES, FOLLOW_RETRY_MS);
  }

  /** Where the cluster client sends a read of `key` now (`host:port`), or null before it knows the slots. */
  clusterTarget(key: string): string | null {
    return this.cluster?.slots[keySlot(key)]?.[0] ?? null;
  }

  private refreshSlots(want: Map<number, string[]>, tries: number, retryMs: number): void {
    const cluster = this.cluster;
    if (!cluster || cluster.status !== "ready" || tries <= 0) return;
    cluster.refreshSlotsCache(() => {
      if (cluster !== this.cluster || !this.timer) return;
      const agrees = [...want].every(([slot, keys]) => keys.includes(cluster.slots[slot]?.[0] ?? ""));
      if (!agrees) setTimeout(() => this.refreshSlots(want, tries - 1, 2 * retryMs), retryMs).unref();
    });
  }

  private clusterClient(): Cluster {
    if (this.cluster && this.cluster.status !== "ready") {
      this.notReadySince ??= Date.now();
      // A client that never reached the cluster (seeded while pods were starting) is rebuilt from today's pods.
      if (Date.now() - this.notReadySince > STUCK_CLIENT_MS) {
        this.cluster.disconnect();
        this.cluster = null;
      }
    } else {
      this.notReadySince = null;
    }
    if (this.cluster) return this.cluster;
    this.notReadySince = null;
    const seeds = this.podAddresses();
    this.cluster = new Cluster(seeds.length ? seeds : [{ host: "127.0.0.1", port: REDIS_PORT }], {
      redisOptions: {
        password: this.platform.password,
        connectTimeout: this.timeoutMs,
        commandTimeout: this.timeoutMs,
        disableClientInfo: true,
      },
      natMap: this.platform.natMap?.(),
      retryDelayOnFailover: CLUSTER_RETRY_MS,
      retryDelayOnClusterDown: CLUSTER_RETRY_MS,
      retryDelayOnTryAgain: CLUSTER_RETRY_MS,
      slotsRefreshTimeout: 1000,
      slotsRefreshInterval: this.slotsRefreshMs,
      clusterRetryStrategy: () => 200,
    });
    this.cluster.on("error", () => {});
    return this.cluster;
  }

  /** Every running pod, ready or not: the cluster client's seeds. */
  private podAddresses(): RedisAddress[] {
    return this.platform
      .pods()
      .filter((p) => p.ip && p.phase === "Running")
      .map((p) => this.platform.resolve(p.ip!, REDIS_PORT));
  }

  /**
   * Lab A's lanes, each a fresh connection per read as the seed's `redis-cli -h … get a` loops are: the master
   * pod, one replica pod, or the replicas Service (whichever ready replica it reaches).
   */
  private async podRead(
    lane: ProbeLane,
    key: string,
    deadline: number,
    dialled: { host: string },
  ): Promise<string | null> {
    dialled.host = this.laneHost(lane);
    const addr = this.laneAddress(lane);
    if (!addr)
      throw new Error(`connect ECONNREFUSED: ${lane} has no address (pod not running, or no ready endpoint)`);
    return this.shortRead(addr, key, deadline);
  }

  /**
   * `GET key` on a connection of its own that lives no longer than the read's deadline: a read that timed out
   * leaves no connection (no tunnel, in port-forward mode) behind.
   */
  private async shortRead(addr: RedisAddress, key: string, deadline: number): Promise<string | null> {
    const release = this.slots ? await this.slots.take(deadline) : () => {};
    const left = deadline - Date.now();
    if (left <= 0) {
      release();
      throw new Error("Command timed out");
    }
    return pipelinedGet(addr, this.platform.password, key, left, release);
  }

  private laneAddress(lane: ProbeLane): RedisAddress | null {
    if (lane === "replicas-svc") return this.platform.serviceAddress?.("replicas") ?? null;
    const pod = this.lanePod(lane);
    if (!pod?.ip || pod.phase !== "Running") return null;
    return this.platform.resolve(pod.ip, REDIS_PORT);
  }

  private lanePod(lane: ProbeLane) {
    const suffix = lane === "master" ? "-master-0" : lane === "replica-0" ? "-replicas-0" : "-replicas-1";
    return this.platform.pods().find((p) => p.name.endsWith(suffix));
  }

  /** The name the seed's loops give redis-cli -h: the pod's IP, or the Service's name. */
  private laneHost(lane: ProbeLane): string {
    if (lane === "replicas-svc")
      return `${serviceOf(this.platform.pods().find((p) => p.name.includes("-replicas-"))?.name)}:${REDIS_PORT}`;
    const ip = this.lanePod(lane)?.ip;
    return ip ? `${ip}:${REDIS_PORT}` : `${this.lanePod(lane)?.name ?? lane}:${REDIS_PORT}`;
  }

  /** Every hop within the one deadline of the read, as `redis-cli -c` gives up as a whole. */
  private async freshRead(key: string, deadline: number, dialled: { host: string }): Promise<FreshRead> {
    const ready = this.platform.pods().filter((p) => p.ready && p.ip && p.phase === "Running");
    if (ready.length === 0) {
      dialled.host = `${serviceOf(this.platform.pods()[0]?.name)}:${REDIS_PORT}`;
      throw new Error("connect ECONNREFUSED: no ready endpoints behind the Service");
    }
    let host = ready[Math.floor(Math.random() * ready.length)].ip!;
    let port = REDIS_PORT;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      dialled.host = `${host}:${port}`;
      try {
        const value = await this.shortRead(this.platform.resolve(host, port), key, deadline);
        return { value, via: dialled.host, redirected: hop > 0 };
      } catch (err) {
        const moved = /^MOVED \d+ (.+):(\d+)$/.exec(err instanceof Error ? err.message : "");
        if (!moved) throw err;
        host = moved[1];
        port = Number(moved[2]);
      }
    }
    throw new Error(`MOVED: more than ${MAX_REDIRECTS} redirections`);
  }
}

interface FreshRead {
  value: string | null;
  via?: string;
  redirected?: boolean;
}

function serviceOf(pod: string | undefined): string {
  return pod ? serviceOfPod(pod) : "service";
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error("Command timed out")), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}
