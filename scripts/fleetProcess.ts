// The child process behind scripts/clientFleet.ts: N socket.io clients joined as named students, as browsers
// join (websocket, a name and a client id in the handshake auth, see components/lab/useLab.ts). Each message is
// stamped on arrival with a key the server side can compute too: a probe batch by its tick time (`t0`, one batch
// per tick), every other message by a hash of its JSON text, which is exactly what socket.io put on the wire.
import { createHash, randomBytes } from "node:crypto";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import * as socketIoParser from "socket.io-parser";
import { matchDeliveries, matchVersions, missedEmits, type Stamp, summarize } from "@/lib/benchStats";
import { EVENTS, type StreamMessage } from "@/lib/protocol";
import type { ConnectResult, FleetRequest, GroupFigures, StreamFigures } from "./clientFleet";

const now = () => performance.timeOrigin + performance.now();

interface Client {
  group: string;
  socket: Socket;
  startedAt: number;
  snapshotAt: number | null;
  receives: Map<string, Stamp[]>;
  /** EVENTS.streams messages as received, not yet read into `receives`. */
  unread: { t: number; data: string }[];
  textBytes: number;
  markTextBytes: number;
  markWireBytes: number;
  disconnects: number;
}

/**
 * socket.io's parser, except that the dashboard's events (its streams and snapshots) are not decoded: they are
 * stamped and kept as text by the engine's listener below, and nothing in this process listens for them. The
 * fleet stands in for hundreds of devices on the server's own cores, and decoding every message once per client
 * (300 JSON.parse of each failover message) was CPU taken from the server and the pages beside it (bench:fanout's
 * failover: the fleet at 5 % of a core without it, 6 % with it). socket.io's own packets (connect, disconnect,
 * errors) are decoded as usual.
 */
class StampOnlyDecoder extends socketIoParser.Decoder {
  add(obj: unknown): void {
    if (typeof obj === "string" && /^2\["(streams|snapshot)"/.test(obj.slice(0, 16))) return;
    super.add(obj);
  }
}
const stampOnlyParser = { ...socketIoParser, Decoder: StampOnlyDecoder };

const clients: Client[] = [];
// A busy client process stamps late: its own delay is printed beside the latencies it measured.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
let cpuAtMark = process.cpuUsage();
/**
 * The loop's delay from the mark to the bench's first question after it: the window's. The questions parse what
 * arrived (readArrivals), which would otherwise count as the window's own stall.
 */
let windowDelay: { p99Ms: number; maxMs: number } | null = null;
const freezeWindowDelay = () =>
  (windowDelay ??= { p99Ms: loopDelay.percentile(99) / 1e6, maxMs: loopDelay.max / 1e6 });
let markedAt = now();

/** engine.io-client's Node transport keeps the `ws` socket, whose TCP socket counts the bytes on the wire. */
function wireBytes(c: Client): number | null {
  const transport = (
    c.socket.io.engine as unknown as { transport?: { ws?: { _socket?: { bytesRead?: number } } } }
  )?.transport;
  const n = transport?.ws?._socket?.bytesRead;
  return typeof n === "number" ? n : null;
}

/** The key of one stream message, as scripts/emitStamps.ts computes it from what the server published. */
function keyOf([name, payload]: StreamMessage): string {
  if (name === "probes") return String(payload.t0);
  if (name === "labState" || name === "presence") return String(payload.version);
  // JSON.stringify of the parsed message gives back the text the server made of the same value.
  return createHash("sha1")
    .update(JSON.stringify([name, payload]))
    .digest("base64");
}

async function connect(req: Extract<FleetRequest, { type: "connect" }>): Promise<ConnectResult> {
  const result: ConnectResult = {
    snapshotMs: [],
    snapshotBytes: [],
    wireBytesAtSnapshot: [],
    failed: 0,
    firstError: null,
  };
  const mine: Promise<void>[] = [];
  for (let i = 1; i <= req.count; i++) {
    const socket = io(req.url, {
      transports: ["websocket"],
      forceNew: true,
      parser: stampOnlyParser,
      // As a browser does; its new snapshot is then a receive like any other.
      timeout: 60_000,
      auth: { name: `${req.namePrefix} ${i}`, clientId: `bench-${randomBytes(9).toString("base64url")}` },
    });
    const c: Client = {
      group: req.group,
      socket,
      startedAt: now(),
      snapshotAt: null,
      receives: new Map(),
      unread: [],
      textBytes: 0,
      markTextBytes: 0,
      markWireBytes: 0,
      disconnects: 0,
    };
    socket.on("disconnect", () => c.disconnects++);
    clients.push(c);
    mine.push(
      new Promise<void>((resolve) => {
        let settled = false;
        const fail = (err: Error) => {
          // A refused handshake and the timeout after it are one failed client.
          if (settled || c.snapshotAt !== null) return;
          settled = true;
          result.failed++;
          result.firstError ??= err.message;
          resolve();
        };
        socket.once("connect_error", fail);
        // From the engine's opening on, so the snapshot right behind socket.io's CONNECT packet is seen.
        socket.io.on("open", () => {
          socket.io.engine.on("data", (data: unknown) => {
            if (typeof data !== "string") return;
            const at = now();
            c.textBytes += Buffer.byteLength(data);
            // socket.io's event packet: `2["name",payload]`.
            const name = /^2\["([^"]+)"/.exec(data.slice(0, 40))?.[1];
            if (!name) return;
            if (name === "snapshot" && c.snapshotAt === null) {
              c.snapshotAt = at;
              result.snapshotMs.push(at - c.startedAt);
              result.snapshotBytes.push(Buffer.byteLength(data));
              result.wireBytesAtSnapshot.push(wireBytes(c) ?? NaN);
              resolve();
              return;
            }
            // Kept as text and read when the figures are asked for: parsing here, for each of hundreds of clients
            // in turn, delayed the stamps of the clients after it (a 16 KB presence message, 300 times).
            if (name === EVENTS.streams) c.unread.push({ t: at, data });
          });
        });
        setTimeout(() => fail(new Error("no snapshot within 60 s")), 60_000).unref();
      }),
    );
  }
  await Promise.all(mine);
  return result;
}

function mark(): void {
  loopDelay.reset();
  windowDelay = null;
  cpuAtMark = process.cpuUsage();
  markedAt = now();
  for (const c of clients) {
    c.markTextBytes = c.textBytes;
    c.markWireBytes = wireBytes(c) ?? 0;
  }
}

/** Reads what arrived into per-stream stamps: each stream message in a socket message arrived with it. */
function readArrivals(c: Client): void {
  for (const { t, data } of c.unread.splice(0)) {
    for (const m of (JSON.parse(data.slice(1)) as [string, StreamMessage[]])[1]) {
      let list = c.receives.get(m[0]);
      if (!list) c.receives.set(m[0], (list = []));
      list.push({ key: keyOf(m), t });
    }
  }
}

function collect(req: Extract<FleetRequest, { type: "collect" }>): Record<string, GroupFigures> {
  const delay = freezeWindowDelay();
  for (const c of clients) readArrivals(c);
  const out: Record<string, GroupFigures> = {};
  const groups = [...new Set(clients.map((c) => c.group))];
  for (const g of groups) {
    const members = clients.filter((c) => c.group === g);
    const all: number[] = [];
    const streams: Record<string, StreamFigures> = {};
    let wireMeasured = true;
    const wire: number[] = [];
    const text: number[] = [];
    for (const c of members) {
      const w = wireBytes(c);
      if (w === null) wireMeasured = false;
      // A client that joined inside the window counts from its join, its snapshot included.
      const joinedInside = c.startedAt > req.from;
      const span = (req.to - Math.max(req.from, c.startedAt)) / 1000;
      if (span <= 0) continue;
      const wireNow = w ?? c.textBytes;
      const wireBase = joinedInside ? 0 : w !== null ? c.markWireBytes : c.markTextBytes;
      wire.push((wireNow - wireBase) / span);
      text.push((c.textBytes - (joinedInside ? 0 : c.markTextBytes)) / span);
    }
    for (const [name, emitsAll] of Object.entries(req.emits)) {
      const lat: number[] = [];
      let complete = 0;
      let minReceived = Infinity;
      let missed = 0;
      let unmatched = 0;
      let counted = 0;
      const emitted = emitsAll.filter((e) => e.t >= req.from && e.t <= req.to).length;
      for (const c of members) {
        if (c.snapshotAt === null) continue;
        // What could reach this client: emitted after it began connecting (the server sends it nothing earlier).
        const emits = emitsAll.filter((e) => e.t >= c.startedAt);
        // Whatever arrived by now: the bench waited for the window's messages to drain before asking.
        const receives = (c.receives.get(name) ?? []).filter((r) => r.t >= req.from);
        // The versioned streams go as one change for what was published within a few milliseconds.
        const d = (name === "labState" || name === "presence" ? matchVersions : matchDeliveries)(
          emits,
          receives,
        );
        // Matched emits of the window only: a receive in the first instants may be of an emit just before it.
        emits.forEach((e, i) => {
          if (e.t < req.from) d.matched.delete(i);
        });
        for (const l of d.latencies) lat.push(l);
        const from = Math.max(req.from, c.snapshotAt);
        const to = req.to;
        const m = missedEmits(emits, d.matched, from, to);
        const expected = emits.filter((e) => e.t >= from && e.t <= to).length;
        missed += m;
        unmatched += d.unmatched;
        counted++;
        if (m === 0) complete++;
        minReceived = Math.min(minReceived, expected - m);
      }
      for (const l of lat) all.push(l);
      streams[name] = {
        latency: summarize(lat),
        emitted,
        clients: counted,
        complete,
        minReceived: Number.isFinite(minReceived) ? minReceived : 0,
        missed,
        unmatched,
      };
    }
    out[g] = {
      clients: members.length,
      connected: members.filter((c) => c.socket.connected).length,
      disconnects: members.reduce((n, c) => n + c.disconnects, 0),
      wireBytesPerSecond: wire,
      textBytesPerSecond: text,
      latency: summarize(all),
      streams,
      wireMeasured,
      self: {
        loopDelayP99Ms: delay.p99Ms,
        loopDelayMaxMs: delay.maxMs,
        cpuPercent:
          ((process.cpuUsage(cpuAtMark).user + process.cpuUsage(cpuAtMark).system) /
            1000 /
            (now() - markedAt)) *
          100,
      },
    };
  }
  return out;
}

process.on("message", async (m: FleetRequest & { id: number }) => {
  const reply = (v: { ok: boolean; result?: unknown; error?: string }) => process.send?.({ id: m.id, ...v });
  try {
    if (m.type === "connect") reply({ ok: true, result: await connect(m) });
    else if (m.type === "mark") reply({ ok: true, result: mark() });
    else if (m.type === "lastReceive") {
      freezeWindowDelay();
      let last = 0;
      for (const c of clients) {
        readArrivals(c);
        for (const [name, list] of c.receives) {
          if ((m.stream === "*" && name !== "probes") || m.stream === name)
            last = Math.max(last, list.at(-1)?.t ?? 0);
        }
      }
      reply({ ok: true, result: last });
    } else if (m.type === "collect") reply({ ok: true, result: collect(m) });
    else if (m.type === "close") {
      for (const c of clients) c.socket.close();
      reply({ ok: true });
      setTimeout(() => process.exit(0), 100);
    }
  } catch (err) {
    reply({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
// The bench died or was stopped: nobody will read us any more.
process.on("disconnect", () => process.exit(0));
