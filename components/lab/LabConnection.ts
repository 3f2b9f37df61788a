import { startTransition } from "react";
import { io, type Socket } from "socket.io-client";
import type { DashboardAction } from "@/lib/clientState";
import {
  type Ack,
  type ClientToServer,
  EVENTS,
  type LabSettings,
  type LogLine,
  type PodEvidence,
  type RepairRun,
  type ServerToClient,
} from "@/lib/protocol";
import { decodeSamples } from "@/lib/probeWire";
import type { RepairPlan } from "@/lib/repairPlan";
import type { ProbeSample } from "@/lib/types";
import type { DeleteMode } from "@/lib/types";

// Resetting the lab re-forms the whole cluster, which can take several seconds on a loaded machine.
const ACK_TIMEOUT_MS = 60_000;
const STREAM_FLUSH_MS = 400;

interface AskSocket {
  emitWithAck(event: string, payload: unknown): Promise<unknown>;
}

/** The one owner of the browser's socket: turns server messages into reducer actions, intents into emits. */
export class LabConnection {
  private readonly socket: Socket<ServerToClient, ClientToServer>;
  private readonly flushTimer: ReturnType<typeof setInterval>;

  constructor(dispatch: (a: DashboardAction) => void, auth: { token: string | null; name: string | null }) {
    this.socket = io({ auth, transports: ["websocket", "polling"] });
    const s = this.socket;
    s.on("connect", () => dispatch({ type: "connected", connected: true }));
    s.on("disconnect", () => dispatch({ type: "connected", connected: false }));
    s.on("connect_error", (err) => dispatch({ type: "connected", connected: false, error: err.message }));
    s.on(EVENTS.session, (session) => dispatch({ type: "session", session }));
    s.on(EVENTS.snapshot, (snapshot) => dispatch({ type: "snapshot", snapshot }));
    s.on(EVENTS.pods, (pods) => dispatch({ type: "pods", pods }));
    s.on(EVENTS.topology, (topology) => dispatch({ type: "topology", topology }));
    // The steady streams re-render the timeline and the logs. Batched into a few low-priority renders a second,
    // they never hold the main thread when a topology or pod change arrives, which a projected failover must
    // show at once (DESIGN §7: 250 ms to the DOM).
    const later = (a: DashboardAction) => startTransition(() => dispatch(a));
    let samples: ProbeSample[] = [];
    let logs: LogLine[] = [];
    this.flushTimer = setInterval(() => {
      if (samples.length) later({ type: "probes", samples: samples.splice(0) });
      if (logs.length) later({ type: "logs", logs: logs.splice(0) });
    }, STREAM_FLUSH_MS);
    s.on(EVENTS.probes, (batch) => void samples.push(...decodeSamples(batch)));
    s.on(EVENTS.logs, (batch) => void logs.push(...batch));
    s.on(EVENTS.events, (events) => later({ type: "events", events }));
    s.on(EVENTS.run, (run) => later({ type: "run", run }));
    s.on(EVENTS.snapshot, () => {
      samples = [];
      logs = [];
    });
    s.on(EVENTS.busy, (busy) => dispatch({ type: "busy", busy }));
    s.on(EVENTS.repair, (repair) => dispatch({ type: "repair", repair }));
    s.on(EVENTS.settings, (settings) => dispatch({ type: "settings", settings }));
    s.on(EVENTS.platformStatus, (platformStatus) => dispatch({ type: "platformStatus", platformStatus }));
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

  /** An intent with an ack; a lost connection or a server that never answers becomes an error ack. */
  private ask<T>(event: keyof ClientToServer, payload: unknown): Promise<Ack<T>> {
    return (this.socket.timeout(ACK_TIMEOUT_MS) as unknown as AskSocket)
      .emitWithAck(event, payload)
      .then((a) => a as Ack<T>)
      .catch((err: Error) => ({ ok: false as const, status: 0, error: err.message }));
  }

  close(): void {
    clearInterval(this.flushTimer);
    this.socket.close();
  }
}
