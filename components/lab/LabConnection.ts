import { io, type Socket } from "socket.io-client";
import type { DashboardAction } from "@/lib/clientState";
import { type Ack, type ClientToServer, EVENTS, type ServerToClient } from "@/lib/protocol";
import type { DeleteMode } from "@/lib/types";

/** The one owner of the browser's socket: turns server messages into reducer actions, intents into emits. */
export class LabConnection {
  private readonly socket: Socket<ServerToClient, ClientToServer>;

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
    s.on(EVENTS.probes, (samples) => dispatch({ type: "probes", samples }));
    s.on(EVENTS.events, (events) => dispatch({ type: "events", events }));
    s.on(EVENTS.run, (run) => dispatch({ type: "run", run }));
    s.on(EVENTS.logs, (logs) => dispatch({ type: "logs", logs }));
    s.on(EVENTS.busy, (busy) => dispatch({ type: "busy", busy }));
  }

  deletePod(pod: string, mode: DeleteMode): Promise<Ack<{ runId: string }>> {
    return this.socket.timeout(10_000).emitWithAck(EVENTS.deletePod, { pod, mode }).catch((err: Error) => ({
      ok: false as const,
      status: 0,
      error: err.message,
    }));
  }

  close(): void {
    this.socket.close();
  }
}
