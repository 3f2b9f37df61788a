import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { type Ack, type ClientToServer, EVENTS, type ServerToClient, type SessionInfo } from "@/lib/protocol";
import { encodeSamples } from "@/lib/probeWire";
import { ActionError } from "./actions/actionLock";
import type { Auth, Principal } from "./auth";
import type { Engine } from "./engine";
import type { RateKind, RateLimit } from "./rateLimit";

type IntentEvent = keyof ClientToServer;

interface SocketData {
  principal: Principal;
}

/**
 * socket.io fan-out: a browser that (re)connects gets a full snapshot, then deltas. Probe samples are volatile:
 * a slow browser may drop some, never queue them. Browsers send only intents, validated and authorised here.
 */
export function attachHub(http: HttpServer, engine: Engine, auth: Auth, rateLimit: RateLimit): Server {
  const io = new Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>(http, {
    serveClient: false,
    maxHttpBufferSize: 16 * 1024,
    perMessageDeflate: { threshold: 1024 },
  });

  io.use((socket, next) => {
    const { token, name } = (socket.handshake.auth ?? {}) as { token?: unknown; name?: unknown };
    const who = auth.identify(
      typeof token === "string" ? token : null,
      typeof name === "string" ? name : undefined,
    );
    if (!who.ok) return next(new Error(who.error));
    socket.data = { principal: who.principal };
    next();
  });

  io.on("connection", (socket) => {
    const { principal } = socket.data;
    const session: SessionInfo = { role: principal.role, name: principal.name, canAct: principal.canAct };
    socket.emit(EVENTS.session, session);
    socket.emit(EVENTS.snapshot, engine.store.snapshot());

    // Every intent: rate-limited per person (not per connection), validated and authorised by the engine, acked.
    const intent = <T>(
      event: IntentEvent,
      run: (req: unknown) => T | Promise<T>,
      kind: RateKind = "action",
    ) => {
      socket.on(event, async (req: unknown, ack: unknown) => {
        const reply = typeof ack === "function" ? (ack as (a: Ack<T>) => void) : () => {};
        try {
          rateLimit(principal, kind);
          reply({ ok: true, result: await run(req) });
        } catch (err) {
          const status = err instanceof ActionError ? err.status : 500;
          if (status === 500) console.error(`${event} failed:`, err);
          reply({ ok: false, status, error: status === 500 ? "internal error" : (err as Error).message });
        }
      });
    };
    intent(EVENTS.deletePod, (req) => ({ runId: engine.deletePod(principal, req).id }));
    intent(EVENTS.repairPlan, () => engine.planRepair(), "heavy-read");
    intent(EVENTS.repairExecute, (req) => engine.repair(principal, req));
    intent(EVENTS.autoRepair, (req) => engine.setAutoRepair(principal, req));
    intent(EVENTS.resetLab, (req) => engine.resetLab(principal, req));
    intent(EVENTS.evidence, (req) => engine.evidence(req), "heavy-read");
  });

  const { store } = engine;
  store.on("pods", (p) => io.emit(EVENTS.pods, p));
  store.on("topology", (t) => io.emit(EVENTS.topology, t));
  store.on("probes", (s) => io.volatile.emit(EVENTS.probes, encodeSamples(s)));
  store.on("events", (e) => io.emit(EVENTS.events, e));
  store.on("run", (r) => io.emit(EVENTS.run, r));
  store.on("logs", (l) => io.emit(EVENTS.logs, l));
  store.on("busy", (b) => io.emit(EVENTS.busy, b));
  store.on("repair", (r) => io.emit(EVENTS.repair, r));
  store.on("settings", (x) => io.emit(EVENTS.settings, x));
  return io;
}
