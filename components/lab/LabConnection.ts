import { startTransition } from "react";
import { io, type Socket } from "socket.io-client";
import { type DashboardAction, deltaFollows, missedEvents, type StreamAction } from "@/lib/clientState";
import type { LabEvent } from "@/lib/events";
import {
  type Ack,
  type ClientToServer,
  EVENTS,
  type GuideFocus,
  type GuideStepId,
  type LabInfo,
  type LabSettings,
  type PodEvidence,
  type PredictionAnswer,
  type RepairRun,
  type ServerToClient,
  type SetKeyResult,
  type StreamMessage,
  STREAMS,
  type StreamName,
  type StreamPayloads,
  type VersionedStream,
} from "@/lib/protocol";
import type { GrantChange, Grants } from "@/lib/permissions";
import type { PredictionView, QuestionKind } from "@/lib/predictions";
import { decodeSamples } from "@/lib/probeWire";
import { foldOutcomes, type LaneOutcomes, NO_OUTCOMES } from "@/lib/streamBatch";
import type { RepairPlan } from "@/lib/repairPlan";
import type { DeleteMode, LabKind, ProbeSample } from "@/lib/types";
import type { SampleStore } from "./sampleStore";
import { BEAT_MS, beat, subscribeTicker } from "../common/pageClock";

// Resetting the lab re-forms the whole cluster, which can take several seconds on a loaded machine.
const ACK_TIMEOUT_MS = 60_000;
const RESYNC_WAIT_MS = 2000;

const isVersioned = (name: StreamName): name is VersionedStream => STREAMS[name].apply === "patch";

interface AskSocket {
  emitWithAck(event: string, payload: unknown): Promise<unknown>;
}

/**
 * The one owner of the browser's socket: turns server messages into reducer actions, intents into emits.
 * Every stream of lib/protocol.ts STREAMS is wired here by the table, not by hand.
 */
export class LabConnection {
  private readonly socket: Socket<ServerToClient, ClientToServer>;
  private readonly stopFlushing: () => void;
  /** Batched streams waiting for the next low-priority render, in arrival order. */
  private pending: StreamAction[] = [];
  /** Probe samples waiting for the same render (they go to the sample store, not the reducer). */
  private pendingSamples: ProbeSample[] = [];
  /** Each lane's newest outcome as received: a batch that changes one is drawn at once. */
  private outcomes: LaneOutcomes = NO_OUTCOMES;
  /** The last event seq this browser holds; a batch that skips one asks the server for a snapshot. */
  private seq = 0;
  /**
   * The version of each versioned stream this browser holds (presence: once what waits in `pending` is drawn);
   * a delta on another base is dropped (stale) or asks for a snapshot.
   */
  private versions: Record<VersionedStream, number> = { labState: 0, presence: 0 };
  /** When a snapshot was last asked for while none has come: later gaps wait for it a while, not ask again. */
  private resyncAskedAt: number | null = null;

  constructor(
    private readonly dispatch: (a: DashboardAction) => void,
    private readonly samples: SampleStore,
    auth: { token: string | null; name: string | null; clientId: string },
    onTokenRejected: () => void = () => {},
  ) {
    this.socket = io({ auth, transports: ["websocket", "polling"] });
    const s = this.socket;
    s.on("connect", () => dispatch({ type: "connected", connected: true }));
    s.on("disconnect", () => dispatch({ type: "connected", connected: false }));
    s.on("connect_error", (err) => {
      const code = (err as Error & { data?: { code?: string } }).data?.code;
      if (code === "invalid_token" && auth.token) {
        // A wrong or stale token (the server restarted with a new one) still lets the viewer watch.
        s.auth = { ...(s.auth as Record<string, unknown>), token: null };
        onTokenRejected();
        s.connect();
        return;
      }
      dispatch({ type: "connected", connected: false, error: err.message });
    });
    s.on(EVENTS.session, (session) => dispatch({ type: "session", session }));
    s.on(EVENTS.snapshot, (snapshot) => {
      this.pending = [];
      this.pendingSamples = [];
      this.seq = snapshot.seq;
      this.versions = { labState: snapshot.labStateVersion, presence: snapshot.presenceVersion ?? 0 };
      this.resyncAskedAt = null;
      const samples = decodeSamples(snapshot.samples);
      this.outcomes = foldOutcomes(NO_OUTCOMES, samples).outcomes;
      this.samples.replace(samples);
      dispatch({ type: "snapshot", snapshot });
    });
    // The steady streams (samples, logs, run updates, presence) re-render the timeline and the logs. They wait
    // for the page's one-second clock (beaten by the steady probe batch) and render with it at low priority:
    // an idle page draws one frame a second, and they never hold the main thread when a topology or pod change
    // arrives, which a projected failover must show at once (DESIGN §7: 250 ms to the DOM).
    this.stopFlushing = subscribeTicker(BEAT_MS, () => {
      if (this.pending.length || this.pendingSamples.length) startTransition(() => this.flush());
    });
    // One message is what the server's streams published within a few milliseconds: its dispatches are in one
    // task, so React draws them in one render.
    s.on(EVENTS.streams, (messages) => {
      for (const m of messages) this.onStream(m);
    });
  }

  private onStream([name, wire]: StreamMessage): void {
    if (name === "probes") return this.onSamples(decodeSamples(wire));
    if (name === "events" && !this.followsSequence(wire)) return;
    if (isVersioned(name) && !this.followsVersion(name, wire as StreamPayloads[VersionedStream])) return;
    const action = { type: "stream", name, payload: wire } as StreamAction;
    if (STREAMS[name].batched) this.pending.push(action);
    else this.dispatch(action);
  }

  /**
   * A batch in which a lane's reads fail or answer again is what the room is waiting for: its samples are drawn
   * now, not at the next low-priority flush. What else is batched (the log lines that explain it, the run's
   * update) follows in a low-priority render React starts right after that commit: drawn with the samples, a
   * second of log lines and the run summary held the recovery back (the page's JavaScript -> DOM p95 204 ms,
   * bench:latency).
   */
  private onSamples(samples: ProbeSample[]): void {
    const { outcomes, turned } = foldOutcomes(this.outcomes, samples);
    this.outcomes = outcomes;
    for (const x of samples) this.pendingSamples.push(x);
    if (turned) {
      this.samples.append(this.pendingSamples.splice(0));
      if (this.pending.length) startTransition(() => this.flush());
      return;
    }
    // A steady batch is a second of samples (server/probeRelay.ts): the page's one-second clock beats with it,
    // and the flush below (a listener of that clock) draws it in the same task as the clocks.
    beat();
  }

  /** Everything batched, in one render: the reducer's streams in arrival order, the samples in one copy. */
  private flush(): void {
    const batch = this.pending.splice(0);
    const samples = this.pendingSamples.splice(0);
    batch.forEach(this.dispatch);
    this.samples.append(samples);
  }

  private followsVersion(name: VersionedStream, d: { base: number; version: number }): boolean {
    const follows = deltaFollows(this.versions[name], d);
    if (follows === "gap") this.resync();
    if (follows !== "applies") return false;
    this.versions[name] = d.version;
    return true;
  }

  /** A server that refused the ask (too many) sends nothing: after RESYNC_WAIT_MS the next gap asks again. */
  private resync(): void {
    const now = Date.now();
    if (this.resyncAskedAt !== null && now - this.resyncAskedAt < RESYNC_WAIT_MS) return;
    this.resyncAskedAt = now;
    this.socket.emit(EVENTS.resync);
  }

  private followsSequence(events: LabEvent[]): boolean {
    if (missedEvents(this.seq, events)) {
      this.resync();
      return false;
    }
    if (events.length) this.seq = Math.max(this.seq, events[events.length - 1].seq);
    return true;
  }

  /** A new display name: the server makes names unique at the handshake, so the socket connects again. */
  rename(name: string): void {
    this.socket.auth = { ...(this.socket.auth as Record<string, unknown>), name };
    this.socket.disconnect().connect();
  }

  setGuideStep(step: GuideStepId | null): Promise<Ack<GuideFocus>> {
    return this.ask(EVENTS.guideStep, { step });
  }

  setGrant(change: GrantChange): Promise<Ack<Grants>> {
    return this.ask(EVENTS.setGrant, change);
  }

  deletePod(pod: string, mode: DeleteMode): Promise<Ack<{ runId: string }>> {
    return this.ask(EVENTS.deletePod, { pod, mode });
  }

  planRepair(): Promise<Ack<RepairPlan>> {
    return this.ask(EVENTS.repairPlan, {});
  }

  executeRepair(fingerprint: string): Promise<Ack<RepairRun>> {
    return this.ask(EVENTS.repairExecute, { fingerprint });
  }

  setAutoRepair(enabled: boolean): Promise<Ack<LabSettings>> {
    return this.ask(EVENTS.autoRepair, { enabled });
  }

  resetLab(persistence?: boolean): Promise<Ack<LabSettings>> {
    return this.ask(EVENTS.resetLab, persistence === undefined ? {} : { persistence });
  }

  evidence(pod: string): Promise<Ack<PodEvidence>> {
    return this.ask(EVENTS.evidence, { pod });
  }

  setKey(key: string, value: string): Promise<Ack<SetKeyResult>> {
    return this.ask(EVENTS.setKey, { key, value });
  }

  switchLab(lab: LabKind, persistence?: boolean): Promise<Ack<LabInfo>> {
    return this.ask(EVENTS.switchLab, persistence === undefined ? { lab } : { lab, persistence });
  }

  openPrediction(question: QuestionKind): Promise<Ack<PredictionView>> {
    return this.ask(EVENTS.predictionOpen, { question });
  }

  answerPrediction(questionId: string, option: string): Promise<Ack<PredictionAnswer>> {
    return this.ask(EVENTS.predictionAnswer, { questionId, option });
  }

  closePrediction(): Promise<Ack<PredictionView>> {
    return this.ask(EVENTS.predictionClose, {});
  }

  /** An intent with an ack; a lost connection or a server that never answers becomes an error ack. */
  private ask<T>(event: keyof ClientToServer, payload: unknown): Promise<Ack<T>> {
    return (this.socket.timeout(ACK_TIMEOUT_MS) as unknown as AskSocket)
      .emitWithAck(event, payload)
      .then((a) => a as Ack<T>)
      .catch((err: Error) => ({
        ok: false as const,
        status: 0,
        code: "disconnected",
        params: { detail: err.message },
        error: err.message,
      }));
  }

  close(): void {
    this.stopFlushing();
    this.socket.close();
  }
}
