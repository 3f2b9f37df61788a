import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { type Ack, type ClientToServer, EVENTS, type ServerToClient, type SessionInfo } from "@/lib/protocol";
import { encodeSamples } from "@/lib/probeWire";
import { ActionError } from "./actions/actionLock";
import type { Auth, Principal } from "./auth";
import type { Engine } from "./engine";

const ACTIONS_PER_WINDOW = 5;
const ACTION_WINDOW_MS = 10_000;

type IntentEvent = keyof ClientToServer;

interface SocketData {
  principal: Principal;
  actionTimes: number[];
}

/**
 * socket.io fan-out: a browser that (re)connects gets a full snapshot, then deltas. Probe samples are volatile:
 * a slow browser may drop some, never queue them. Browsers send only intents, validated and authorised here.
 */
export function attachHub(http: HttpServer, engine: Engine, auth: Auth): Server {
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
    socket.data = { principal: who.principal, actionTimes: [] };
    next();
  });

  io.on("connection", (socket) => {
    const { principal } = socket.data;
    const session: SessionInfo = { role: principal.role, name: principal.name, canAct: principal.canAct };
    socket.emit(EVENTS.session, session);
    socket.emit(EVENTS.snapshot, engine.store.snapshot());

    // Every intent: rate-limited, validated and authorised by the engine, answered with an ack.
    const intent = <T>(event: IntentEvent, run: (req: unknown) => T | Promise<T>, limited = true) => {
      socket.on(event, async (req: unknown, ack: unknown) => {
        const reply = typeof ack === "function" ? (ack as (a: Ack<T>) => void) : () => {};
        try {
          if (limited) rateLimit(socket.data);
          reply({ ok: true, result: await run(req) });
        } catch (err) {
          const status = err instanceof ActionError ? err.status : 500;
          if (status === 500) console.error(`${event} failed:`, err);
          reply({ ok: false, status, error: status === 500 ? "internal error" : (err as Error).message });
        }
      });
    };
    intent(EVENTS.deletePod, (req) => ({ runId: engine.deletePod(principal, req).id }));
    intent(EVENTS.repairPlan, () => engine.planRepair(), false);
    intent(EVENTS.repairExecute, (req) => engine.repair(principal, req));
    intent(EVENTS.autoRepair, (req) => engine.setAutoRepair(principal, req));
    intent(EVENTS.resetLab, (req) => engine.resetLab(principal, req));
    intent(EVENTS.evidence, (req) => engine.evidence(req), false);
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
  store.on("platformStatus", (x) => io.emit(EVENTS.platformStatus, x));
  return io;
}

function rateLimit(data: SocketData): void {
  const now = Date.now();
  data.actionTimes = data.actionTimes.filter((t) => now - t < ACTION_WINDOW_MS);
  if (data.actionTimes.length >= ACTIONS_PER_WINDOW) {
    throw new ActionError(
      429,
      `too many actions: at most ${ACTIONS_PER_WINDOW} per ${ACTION_WINDOW_MS / 1000} s`,
    );
  }
  data.actionTimes.push(now);
}
