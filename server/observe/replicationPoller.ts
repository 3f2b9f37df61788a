import { newEvent, type NewEvent } from "@/lib/events";
import {
  diffReplication,
  lastKnown,
  podForHost,
  type ReplicationFact,
  type ReplicationView,
} from "@/lib/replicationDiff";
import { parseInfoPersistence, parseInfoReplication, type PersistenceInfo } from "@/lib/replicationInfo";
import type { ReplicationNode, ReplicationState } from "@/lib/types";
import type { Platform } from "../platform/types";
import type { Store } from "../store";
import { dropConnection, PerPodLoops, podConnection, podLoop, type PodLoop } from "./perPodLoops";
import { withReplication } from "@/lib/labs/replication/state";

/** As long as a real client waits (DESIGN §4): a slow answer on a busy machine is slow, not gone. */
const COMMAND_TIMEOUT_MS = 1000;
/** A change of clocks only (`master_last_io_seconds_ago`) is sent at most this often. */
const CLOCK_ONLY_EVERY_MS = 1000;

interface Reading {
  view: ReplicationView[string];
  persistence: PersistenceInfo | null;
}

/**
 * Lab A's observer: every pod's `INFO replication`, `INFO persistence`, `DBSIZE` and the probed keys, each pod on
 * its own loop. Each answer is diffed against the last time that pod answered (lib/replicationDiff.ts), so a
 * master that was away for a few rounds and came back empty is compared with what it held before; the facts
 * become events, and the replication stream is published when anything but the clocks changed.
 */
export class ReplicationPoller {
  private readonly loops: PerPodLoops<PodLoop>;
  private unsubscribe: (() => void) | null = null;
  private readonly readings = new Map<string, Reading>();
  private readonly lastFullSync = new Map<string, number>();
  private known: ReplicationView = {};
  private tick: NodeJS.Timeout | null = null;
  private stopped = true;
  private lastKey = "";
  private lastFull = "";
  private publishedAt = 0;

  constructor(
    private readonly platform: Platform,
    private readonly store: Store,
    private readonly keys: string[],
    private readonly periodMs: number,
  ) {
    this.loops = new PerPodLoops({
      periodMs,
      // A pod change asks every pod at once; a burst of them is one read per pod.
      minGapMs: 25,
      create: podLoop,
      readOnce: async (l, _asked, sent) => {
        const reading = await this.read(l);
        if (l.stopped) return;
        this.readings.set(l.pod, reading);
        this.observe(sent);
      },
    });
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.sync();
    this.tick = setInterval(() => this.sync(), this.periodMs);
    // A pod deleted, restarted or ready again changes what the others say: read them now, not next period.
    this.unsubscribe = this.platform.onPods(() => {
      this.sync();
      this.loops.readAllNow();
    });
  }

  stop(): void {
    this.stopped = true;
    if (this.tick) clearInterval(this.tick);
    this.tick = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.loops.endAll();
  }

  /** After a lab reset nothing of the old pods' history applies: diffs start over from the next reads. */
  forget(): void {
    this.known = {};
    this.readings.clear();
    this.lastFullSync.clear();
  }

  /** Starts a loop for each pod with a new IP, ends those of pods that went away or moved. */
  private sync(): void {
    const running = this.platform
      .pods()
      .filter((p): p is typeof p & { ip: string } => !!p.ip && p.phase === "Running");
    const ended = this.loops.sync(running);
    for (const name of ended) this.readings.delete(name);
    if (ended.length > 0) this.publish(Date.now());
  }

  private async read(l: PodLoop): Promise<Reading> {
    const unanswered: Reading = {
      view: { pod: l.pod, ip: l.ip, replication: null, dbsize: null, values: {} },
      persistence: null,
    };
    try {
      const redis = await podConnection(l, this.platform, {
        connectTimeout: COMMAND_TIMEOUT_MS,
        commandTimeout: COMMAND_TIMEOUT_MS,
      });
      const p = redis.pipeline().info("replication").info("persistence").dbsize();
      for (const k of this.keys) p.get(k);
      const results = (await p.exec()) ?? [];
      const err = results.find(([e]) => e)?.[0];
      // LOADING (a persisted master reading its AOF) answers INFO but not GET: it is up, its data not yet.
      const replication = results[0]?.[0] ? null : parseInfoReplication(String(results[0][1]));
      const persistence = results[1]?.[0] ? null : parseInfoPersistence(String(results[1][1]));
      if (err && !/^LOADING/.test(err.message)) throw err;
      const values: Record<string, string | null> = {};
      if (!err) this.keys.forEach((k, i) => (values[k] = (results[3 + i]?.[1] as string | null) ?? null));
      const dbsize = err ? null : Number(results[2]?.[1]);
      return { view: { pod: l.pod, ip: l.ip, replication, dbsize, values }, persistence };
    } catch {
      dropConnection(l);
      return unanswered;
    }
  }

  private observe(t: number): void {
    const next: ReplicationView = {};
    // Every pod of the lab takes part, answering or not, so one that comes back is diffed with what it was.
    for (const p of this.platform.pods()) {
      next[p.name] = this.readings.get(p.name)?.view ?? {
        pod: p.name,
        ip: p.ip,
        replication: null,
        dbsize: null,
        values: {},
      };
    }
    const merged = lastKnown(this.known, next);
    const facts = diffReplication(this.known, merged);
    this.known = merged;
    for (const f of facts) if (f.kind === "replica-full-resync") this.lastFullSync.set(f.params.pod, t);
    if (facts.length) this.store.addEvents(facts.map((f) => toEvent(f, t)));
    this.publish(t);
  }

  private publish(t: number): void {
    const state = this.state();
    // master_last_io_seconds_ago ticks every second; it alone is not worth a message to every browser.
    const key = JSON.stringify(state.nodes.map((n) => ({ ...n, lastIoSecondsAgo: null })));
    const full = JSON.stringify(state);
    if (full === this.lastFull) return;
    if (key === this.lastKey && t - this.publishedAt < CLOCK_ONLY_EVERY_MS) return;
    this.lastKey = key;
    this.lastFull = full;
    this.publishedAt = t;
    this.store.setLabState(withReplication(this.store.labState, { replication: state }));
  }

  private state(): ReplicationState {
    const view: ReplicationView = {};
    for (const [pod, r] of this.readings) view[pod] = r.view;
    const nodes = this.platform.pods().map((p): ReplicationNode => {
      const r = this.loops.has(p.name) ? this.readings.get(p.name) : undefined;
      const info = r?.view.replication ?? null;
      return {
        pod: p.name,
        ip: p.ip,
        reachable: info !== null,
        role: info ? (info.role === "slave" ? "replica" : "master") : null,
        linkStatus: info?.role === "slave" ? info.linkStatus : null,
        masterHost: info?.masterHost ?? null,
        masterPod: info?.role === "slave" ? podForHost(info.masterHost, view) : null,
        offset: info?.offset ?? null,
        replId: info?.replid ?? null,
        connectedReplicas: info ? info.connectedSlaves : null,
        lastIoSecondsAgo: info?.masterLastIoSecondsAgo ?? null,
        syncInProgress: info?.syncInProgress ?? false,
        lastFullSyncAt: this.lastFullSync.get(p.name) ?? null,
        keys: r?.view.dbsize ?? null,
        aofEnabled: r?.persistence?.aofEnabled ?? null,
        loading: r?.persistence?.loading ?? false,
      };
    });
    return { nodes };
  }
}

/** The diff's facts as events; lab B already has a `role-changed` of its own, with node ids. */
function toEvent(f: ReplicationFact, t: number): NewEvent {
  if (f.kind === "role-changed") return newEvent("replication-role-changed", t, f.params);
  return newEvent(f.kind, t, f.params as never);
}
