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
  type VersionedStream,
} from "@/lib/protocol";
import type { Operation } from "@/lib/permissions";
import { encodeSamples } from "@/lib/probeWire";
import { labStateCanWait, labStateDelta } from "@/lib/labs/labStateDelta";
import { presenceDelta } from "@/lib/presenceDelta";
import { ActionError } from "./actions/actionError";
import type { JoinAddresses } from "@/lib/joinUrls";
import type { Principal } from "./auth";
import type { Doors } from "./doors";
import { setGuideStep } from "./guideFocus";
import { Room } from "./room";
import { trackBacklog } from "./sendBacklog";
import { SnapshotSender } from "./snapshotSender";
import { CAN_WAIT_MS, StreamOutbox } from "./streamOutbox";
import type { StoreEvents } from "./store";

type IntentEvent = Exclude<keyof ClientToServer, typeof EVENTS.resync>;

interface SocketData {
  principal: Principal;
  /** The browser's own id: one prediction answer per browser, whatever name it shows. */
  clientId: string;
}

/**
 * socket.io fan-out: a browser that (re)connects gets a full snapshot, then the streams of lib/protocol.ts
 * STREAMS as deltas, what is published within a few milliseconds as one message (server/streamOutbox.ts); a
 * browser that sees a gap in the event sequence asks for the snapshot again. Snapshots are sent in windows, one encoding for every browser that
 * asked (server/snapshotSender.ts). Volatile streams are dropped for a browser whose queue is backed up
 * (server/sendBacklog.ts), never queued without bound. Browsers
 * send only intents, validated and authorised here.
 */
export function attachHub(
  http: HttpServer,
  { engine, auth, gate, room }: Doors,
  join: () => JoinAddresses,
): Server {
  const io = new Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>(http, {
    serveClient: false,
    maxHttpBufferSize: 16 * 1024,
    // No compression: ws deflates each message once per socket through one shared pool of a few zlib jobs, so
    // with 300 browsers a failover's topology delta for the projected page queued behind thousands of other
    // sockets' jobs (bench:latency: server -> DOM 11.6-14.1 s with it, 73-446 ms without). What we send is
    // small (compact probe runs, topology deltas); only the (re)connect snapshot is large, once per browser.
    perMessageDeflate: false,
    // A page of another site must not drive the lab through a visitor's browser: only our own origin (or a
    // client that sends none, like a script) may open a socket.
    allowRequest: (req, cb) => cb(null, sameOrigin(req.headers.origin, req.headers.host)),
  });

  io.use((socket, next) => {
    const { token, name, clientId } = (socket.handshake.auth ?? {}) as {
      token?: unknown;
      name?: unknown;
      clientId?: unknown;
    };
    const who = auth.identify(
      typeof token === "string" ? token : null,
      typeof name === "string" ? name : undefined,
    );
    if (!who.ok) {
      // The code travels as `err.data`, so the browser can fall back to the student view and say why.
      return next(Object.assign(new Error(who.error), { data: { code: who.code } }));
    }
    // The role is the token's; the name is made unique in the room, so a grant by name reaches one person.
    const id = Room.clientId(clientId);
    const unique = room.claim(who.principal.name, id);
    socket.data = { principal: { ...who.principal, name: unique }, clientId: id };
    next();
  });

  const outbox = new StreamOutbox(io);
  // What waits in the probe relay and then in the outbox is sent before the snapshot is taken, to the browsers
  // that hold the state it changes: the snapshot holds it too, and goes only to those that waited for it.
  const snapshots = new SnapshotSender(io, EVENTS.snapshot, () => {
    engine.store.flushProbes();
    outbox.flush();
    return engine.store.snapshot();
  });

  io.on("connection", (socket) => {
    const { principal } = socket.data;
    const session: SessionInfo = { role: principal.role, name: principal.name, join: join() };
    trackBacklog(socket);
    socket.emit(EVENTS.session, session);
    // Before joining the room: the presence list this join publishes is in the snapshot.
    snapshots.request(socket);
    socket.on("disconnect", room.join(principal.name, principal.role));
    socket.on(EVENTS.resync, () => {
      try {
        gate.check(principal, "resync", null);
        snapshots.request(socket);
      } catch {
        // A browser asking too often keeps its deltas; the next gap asks again.
      }
    });

    // Every intent passes the one door (limit per person, then the permission table), is validated by the
    // engine, and is answered with an ack.
    const intent = <T>(event: IntentEvent, op: Operation, run: (req: unknown) => T | Promise<T>) => {
      socket.on(event, async (req: unknown, ack: unknown) => {
        const reply = typeof ack === "function" ? (ack as (a: Ack<T>) => void) : () => {};
        try {
          gate.check(principal, op, req);
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
    intent(EVENTS.deletePod, "deletePod", (req) => ({ runId: engine.deletePod(principal, req).id }));
    intent(EVENTS.repairPlan, "repairPlan", () => engine.planRepair());
    intent(EVENTS.repairExecute, "repairExecute", (req) => engine.repair(principal, req));
    intent(EVENTS.autoRepair, "autoRepair", (req) => engine.setAutoRepair(principal, req));
    intent(EVENTS.resetLab, "resetLab", (req) => engine.resetLab(principal, req));
    intent(EVENTS.evidence, "evidence", (req) => engine.evidence(req));
    intent(EVENTS.setGrant, "setGrant", (req) => engine.setGrant(principal, req, (n) => room.knows(n)));
    intent(EVENTS.setKey, "setKey", (req) => engine.setKey(principal, req));
    intent(EVENTS.switchLab, "switchLab", (req) => engine.switchLab(principal, req));
    const predictions = engine.predictions;
    intent(EVENTS.predictionOpen, "predictionOpen", (req) => predictions.open(principal, req));
    intent(EVENTS.predictionClose, "predictionClose", (req) => predictions.close(principal, req));
    intent(EVENTS.predictionAnswer, "predictionAnswer", (req) =>
      predictions.answer({ name: principal.name, clientId: socket.data.clientId }, req),
    );
    intent(EVENTS.guideStep, "setGuideStep", (req) => setGuideStep(engine.store, principal, req));
  });

  // The versioned streams (lib/protocol.ts `patch`) go as changes against what every browser holds, computed
  // once per change for all sockets: the lab's state (a failover republishes the topology a dozen times), and
  // presence (a join storm then costs each browser the joiners, not the room per join).
  const store = engine.store;
  const labState = versionedWire(
    () => ({ value: store.labState, version: store.labStateVersion }),
    labStateDelta,
    labStateCanWait,
  );
  const presence = versionedWire(
    () => ({ value: store.presence, version: store.presenceVersion }),
    presenceDelta,
  );

  // A lab switch changes what every panel draws from: each browser starts over from a snapshot.
  engine.store.on("lab", () => {
    labState.reset();
    snapshots.requestAll();
  });

  // The outbox sends what is published within a few milliseconds as one message. A versioned stream's change is
  // made when it is sent, once for all its publications meanwhile; the others' wire forms when published.
  const versioned: Record<VersionedStream, { wire: () => unknown; canWait: () => boolean }> = {
    labState,
    presence,
  };
  const forward = <K extends StreamName>(name: K) => {
    const { volatile, apply } = STREAMS[name];
    engine.store.on(name, ((payload: StoreEvents[K][0]) => {
      if (apply === "patch") {
        const stream = versioned[name as VersionedStream];
        const waitMs = stream.canWait() ? CAN_WAIT_MS : undefined;
        return outbox.push({ name, wire: () => stream.wire(), volatile, collapses: true, waitMs });
      }
      const wire = name === "probes" ? encodeSamples(payload as StoreEvents["probes"][0]) : payload;
      outbox.push({ name, wire: () => wire, volatile, collapses: false });
    }) as never);
  };
  for (const name of STREAM_NAMES) forward(name);
  return io;
}

/**
 * A versioned stream as every browser holds it, as of the last snapshot or delta sent: `wire` makes the change
 * from it to the store's now (its base, the store's version), `reset` starts over from the store's (every browser
 * gets a snapshot). `canWait`: the stream says that the store's now may reach the browsers a little later than
 * what they hold (lib/labs/labStateDelta.ts); without it every change goes at once.
 */
function versionedWire<T, D>(
  read: () => { value: T; version: number },
  diff: (held: T, next: T, base: number, version: number) => D,
  mayWait: (held: T, next: T) => boolean = () => false,
) {
  let sent = read();
  return {
    canWait(): boolean {
      return mayWait(sent.value, read().value);
    },
    wire(): D {
      const next = read();
      const d = diff(sent.value, next.value, sent.version, next.version);
      sent = next;
      return d;
    },
    reset(): void {
      sent = read();
    },
  };
}

/** True for no Origin at all (not a browser) or one whose host is the host the request was sent to. */
export function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
