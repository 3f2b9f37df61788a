import { EventEmitter } from "node:events";
import type {
  BusyHolder,
  DecodedPayloads,
  GuideFocus,
  LabInfo,
  LabSettings,
  LogLine,
  PresenceEntry,
  RepairRun,
  Snapshot,
  StreamName,
} from "@/lib/protocol";
import { NO_GUIDE_FOCUS } from "@/lib/protocol";
import { type Grants, NO_GRANTS } from "@/lib/permissions";
import type { PredictionView } from "@/lib/predictions";
import { encodeSamples, type WireBatch } from "@/lib/probeWire";
import { RingBuffer } from "@/lib/ringBuffer";
import { byTime } from "@/lib/sampleBuffer";
import { ProbeRelay } from "./probeRelay";
import type { LabEvent, NewEvent } from "@/lib/events";
import type { LabState } from "@/lib/labs/labState";
import { emptyLabState } from "@/lib/labs/labStateDelta";
import {
  PLATFORM_OK,
  type PlatformStatus,
  type PodState,
  type ProbeSample,
  type RunSummary,
} from "@/lib/types";

/**
 * What the store tells its subscribers (the hub, the run tracker, tests): one entry per stream of
 * lib/protocol.ts STREAMS, with probe samples still decoded and the lab's state and presence whole (the hub
 * makes them compact for the wire: samples as rows, the lab's state and presence as changes of their previous
 * versions).
 */
export type StoreEvents = {
  [K in StreamName]: [
    K extends "labState" ? LabState : K extends "presence" ? PresenceEntry[] : DecodedPayloads[K],
  ];
};
/**
 * Besides the streams: the lab itself changed (a switch), so every browser needs a fresh snapshot; and `cue`, a
 * pod said something changed (a marked Redis log line), so the observers read now. A cue goes to no browser.
 */
type StoreSignals = StoreEvents & { lab: [LabInfo]; cue: [pod: string] };

const SAMPLE_HISTORY_MS = 30 * 60_000;
/** A page opened late still shows the timeline's whole 30 minutes (lib/probeWire.ts keeps it ~60 KB). */
const SNAPSHOT_SAMPLES_MS = SAMPLE_HISTORY_MS;
const EVENT_HISTORY = 2000;
const LOG_HISTORY = 3000;
const SNAPSHOT_LOGS = 600;
const RUN_HISTORY = 200;

/** The server's one state: observers write to it, the hub and the HTTP API read from it. */
export class Store extends EventEmitter<StoreSignals> {
  pods: PodState[] = [];
  /** What the running lab's observers published last (lib/labs/labState.ts); the store never looks inside. */
  labState: LabState;
  /** One more per published state and per lab switch: a browser's delta applies only to the version it holds. */
  labStateVersion = 0;
  busy: BusyHolder | null = null;
  repair: RepairRun | null = null;
  settings: LabSettings = {
    autoRepair: false,
    persistence: null,
    canReset: false,
    choosesPersistence: true,
    resetAt: null,
  };
  platformStatus: PlatformStatus = PLATFORM_OK;
  grants: Grants = NO_GRANTS;
  presence: PresenceEntry[] = [];
  /** One more per published list: a browser's presence delta applies only to the version it holds. */
  presenceVersion = 0;
  prediction: PredictionView | null = null;
  guide: GuideFocus = NO_GUIDE_FOCUS;
  private readonly samples: RingBuffer<ProbeSample>;
  private readonly events = new RingBuffer<LabEvent>(EVENT_HISTORY);
  private readonly logs = new RingBuffer<LogLine>(LOG_HISTORY);
  private readonly runs = new Map<string, RunSummary>();
  /**
   * The snapshot's samples, encoded once per probe tick: a class opening the page together asks for hundreds
   * of snapshots within seconds, and encoding 30 minutes costs tens of milliseconds.
   */
  private encoded: { pushes: number; batch: WireBatch } | null = null;
  private pushes = 0;
  /** The seq of the last event: one more per event, so a browser can tell that it missed one. */
  private lastSeq = 0;
  private readonly relay = new ProbeRelay((batch) => this.emit("probes", batch));

  constructor(public lab: LabInfo) {
    super();
    this.labState = emptyLabState(lab.lab);
    // Sized for the larger of the two labs' lanes, so a lab switch keeps the same 30 minutes.
    const perSecond = (1000 / lab.probeIntervalMs) * Math.max(8, lab.keys.length * lab.lanes.length);
    this.samples = new RingBuffer(Math.ceil((SAMPLE_HISTORY_MS / 1000) * perSecond));
  }

  setPods(pods: PodState[]): void {
    this.pods = pods;
    this.emit("pods", pods);
  }

  setLabState(s: LabState): void {
    this.labState = s;
    this.labStateVersion++;
    this.emit("labState", s);
  }

  /**
   * Reads that answered: kept at once, in time order (runs, plans and snapshots read them by time; a read that
   * waited for its timeout answers after newer ones), published as the `probes` stream through the relay, a
   * second's together unless a lane turns (server/probeRelay.ts).
   */
  addSamples(s: ProbeSample[]): void {
    if (s.length === 0) return;
    this.samples.insert(s, byTime);
    this.pushes++;
    this.relay.push(s);
  }

  addEvents(es: NewEvent[]): LabEvent[] {
    if (es.length === 0) return [];
    const sequenced = es.map((e) => ({ ...e, seq: ++this.lastSeq }) as LabEvent);
    this.events.push(...sequenced);
    this.emit("events", sequenced);
    return sequenced;
  }

  addLogs(lines: LogLine[]): void {
    if (lines.length === 0) return;
    this.logs.push(...lines);
    this.emit("logs", lines);
  }

  upsertRun(r: RunSummary): void {
    this.runs.set(r.id, r);
    if (this.runs.size > RUN_HISTORY) this.runs.delete(this.runs.keys().next().value!);
    this.emit("run", r);
  }

  setBusy(b: BusyHolder | null): void {
    this.busy = b;
    this.emit("busy", b);
  }

  setRepair(r: RepairRun): void {
    this.repair = r;
    this.emit("repair", r);
  }

  setSettings(s: LabSettings): void {
    this.settings = s;
    this.emit("settings", s);
  }

  setPlatformStatus(s: PlatformStatus): void {
    this.platformStatus = s;
    this.emit("platformStatus", s);
  }

  /**
   * A lab switch: the new lab's facts replace the old one's (runs and events stay: they are history).
   * Subscribers get one `lab` signal and send every browser a fresh snapshot.
   */
  setLab(lab: LabInfo): void {
    this.lab = lab;
    this.pods = [];
    this.labState = emptyLabState(lab.lab);
    this.labStateVersion++;
    this.repair = null;
    this.logs.clear();
    this.samples.clear();
    // The other lab has other steps (or none): the room starts it from what it shows.
    this.guide = NO_GUIDE_FOCUS;
    this.emit("lab", lab);
  }

  /** A pod's log says the lab changed (PFAIL, FAIL, an election, cluster_state): the observers read now. */
  cue(pod: string): void {
    this.emit("cue", pod);
  }

  setGrants(g: Grants): void {
    this.grants = g;
    this.emit("grants", g);
  }

  setGuide(g: GuideFocus): void {
    this.guide = g;
    this.emit("guide", g);
  }

  setPresence(p: PresenceEntry[]): void {
    this.presence = p;
    this.presenceVersion++;
    this.emit("presence", p);
  }

  setPrediction(p: PredictionView | null): void {
    this.prediction = p;
    this.emit("prediction", p);
  }

  run(id: string): RunSummary | undefined {
    return this.runs.get(id);
  }

  listRuns(): RunSummary[] {
    return [...this.runs.values()].reverse();
  }

  samplesSince(t: number): ProbeSample[] {
    return this.samples.since((s) => s.t >= t);
  }

  latestSamples(): ProbeSample[] {
    const latest = new Map<string, ProbeSample>();
    for (const s of this.samples.since((x) => x.t >= Date.now() - 10_000))
      latest.set(`${s.key}/${s.lane}`, s);
    return [...latest.values()];
  }

  private snapshotSamples(): WireBatch {
    if (this.encoded?.pushes !== this.pushes) {
      const batch = encodeSamples(this.samplesSince(Date.now() - SNAPSHOT_SAMPLES_MS));
      this.encoded = { pushes: this.pushes, batch };
    }
    return this.encoded.batch;
  }

  /**
   * Sends the probe ticks that wait in the relay now. The hub does, before it takes a snapshot: what waits is in
   * the snapshot's samples, and sent first it reaches only the browsers that hold their copy already.
   */
  flushProbes(): void {
    this.relay.flush();
  }

  snapshot(): Snapshot {
    return {
      lab: this.lab,
      pods: this.pods,
      labState: this.labState,
      labStateVersion: this.labStateVersion,
      samples: this.snapshotSamples(),
      events: this.events.toArray(),
      seq: this.lastSeq,
      runs: this.listRuns(),
      logs: this.logs.toArray().slice(-SNAPSHOT_LOGS),
      busy: this.busy,
      repair: this.repair,
      settings: this.settings,
      platformStatus: this.platformStatus,
      grants: this.grants,
      presence: this.presence,
      presenceVersion: this.presenceVersion,
      prediction: this.prediction,
      guide: this.guide,
    };
  }
}
