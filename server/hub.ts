import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import {
  type Ack,
  type ClientToServer,
  EVENTS,
  type ServerToClient,
  type SessionInfo,
  STREAM_NAMES,
  STREAMS,
  type StreamName,
} from "@/lib/protocol";
import { encodeSamples } from "@/lib/probeWire";
import { ActionError } from "./actions/actionError";
import type { Auth, Principal } from "./auth";
import type { Engine } from "./engine";
import type { RateKind, RateLimit } from "./rateLimit";
import type { StoreEvents } from "./store";

type IntentEvent = Exclude<keyof ClientToServer, typeof EVENTS.resync>;

interface SocketData {
  principal: Principal;
}

/**
 * socket.io fan-out: a browser that (re)connects gets a full snapshot, then the streams of lib/protocol.ts
 * STREAMS as deltas; a browser that sees a gap in the event sequence asks for the snapshot again. Volatile
 * streams may be dropped for a slow browser, never queued. Browsers send only intents, validated and
 * authorised here.
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
    if (!who.ok) {
      // The code travels as `err.data`, so the browser can fall back to the student view and say why.
      return next(Object.assign(new Error(who.error), { data: { code: who.code } }));
    }
    socket.data = { principal: who.principal };
    next();
  });

  io.on("connection", (socket) => {
    const { principal } = socket.data;
    const session: SessionInfo = { role: principal.role, name: principal.name, canAct: principal.canAct };
    socket.emit(EVENTS.session, session);
    socket.emit(EVENTS.snapshot, engine.store.snapshot());
    socket.on(EVENTS.resync, () => {
      try {
        rateLimit(principal, "heavy-read");
        socket.emit(EVENTS.snapshot, engine.store.snapshot());
      } catch {
        // A browser asking too often keeps its deltas; the next gap asks again.
      }
    });

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
          if (err instanceof ActionError) {
            reply({ ok: false, status: err.status, code: err.code, params: err.params, error: err.message });
          } else {
            console.error(`${event} failed:`, err);
            reply({ ok: false, status: 500, code: "internal", error: "internal error" });
          }
        }
      });
    };
    intent(EVENTS.deletePod, (req) => ({ runId: engine.deletePod(principal, req).id }));
    intent(EVENTS.repairPlan, () => engine.planRepair(), "heavy-read");
    intent(EVENTS.repairExecute, (req) => engine.repair(principal, req));
    intent(EVENTS.autoRepair, (req) => engine.setAutoRepair(principal, req));
    intent(EVENTS.resetLab, (req) => engine.resetLab(principal, req));
    intent(EVENTS.evidence, (req) => engine.evidence(req), "heavy-read");
    // A SET is not destructive: counted as a read, so the seed's three writes in a row are never refused.
    intent(EVENTS.setKey, (req) => engine.setKey(principal, req), "heavy-read");
    intent(EVENTS.switchLab, (req) => engine.switchLab(principal, req));
  });

  // A lab switch changes what every panel draws from: each browser starts over from a snapshot.
  engine.store.on("lab", () => {
    for (const socket of io.sockets.sockets.values()) socket.emit(EVENTS.snapshot, engine.store.snapshot());
  });

  const forward = <K extends StreamName>(name: K) => {
    const target = STREAMS[name].volatile ? io.volatile : io;
    engine.store.on(name, ((payload: StoreEvents[K][0]) => {
      const wire = name === "probes" ? encodeSamples(payload as StoreEvents["probes"][0]) : payload;
      (target.emit as (ev: string, p: unknown) => boolean)(name, wire);
    }) as never);
  };
  for (const name of STREAM_NAMES) forward(name);
  return io;
}
