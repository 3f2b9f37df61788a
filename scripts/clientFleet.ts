// Hundreds of socket.io viewers for the benchmarks, in a child process of their own (scripts/fleetProcess.ts):
// their decoding and hashing must not count as the server's CPU nor delay its event loop.
import type { Stamp, Summary } from "@/lib/benchStats";
import { onShutdown } from "./benchLab";
import { BenchChild } from "./benchChild";

export interface ConnectResult {
  /** io() to the snapshot's last byte, per client that got one. */
  snapshotMs: number[];
  /** The snapshot message as JSON text, per client. */
  snapshotBytes: number[];
  /** Bytes read from the TCP socket by the time the snapshot was in (handshake included). */
  wireBytesAtSnapshot: number[];
  failed: number;
  firstError: string | null;
}

export interface StreamFigures {
  latency: Summary;
  /** Emitted by the server inside the window. */
  emitted: number;
  clients: number;
  /** Clients that got every message they were connected for. */
  complete: number;
  /** Fewest received of those they were connected for, over all clients. */
  minReceived: number;
  missed: number;
  unmatched: number;
}

export interface GroupFigures {
  clients: number;
  connected: number;
  /** Disconnects seen since the clients joined (a browser would reconnect and take a new snapshot, as these do). */
  disconnects: number;
  /** Per client, bytes per second read from its TCP socket (as on the wire) in the window. */
  wireBytesPerSecond: number[];
  /** Per client, bytes per second of message text (before compression). */
  textBytesPerSecond: number[];
  /** Over every stream. */
  latency: Summary;
  streams: Record<string, StreamFigures>;
  /** Whether `wireBytesPerSecond` could be read from the socket (else it is the message text). */
  wireMeasured: boolean;
  /** The client process itself since the mark: a late stamp there is part of the latencies above. */
  self: { loopDelayP99Ms: number; loopDelayMaxMs: number; cpuPercent: number };
}

export type FleetRequest =
  | { type: "connect"; group: string; url: string; count: number; namePrefix: string }
  | { type: "mark" }
  | { type: "lastReceive"; stream: string }
  | { type: "collect"; from: number; to: number; emits: Record<string, Stamp[]> }
  | { type: "close" };

export class ClientFleet {
  private readonly proc = new BenchChild("fleetProcess.ts", "the client process");

  constructor() {
    onShutdown(() => this.close());
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  private ask<T>(req: FleetRequest): Promise<T> {
    return this.proc.ask(req);
  }

  /** Connects `count` students named `<namePrefix> 1…count`; resolves when each has its snapshot or failed. */
  connect(group: string, url: string, count: number, namePrefix: string): Promise<ConnectResult> {
    return this.ask({ type: "connect", group, url, count, namePrefix });
  }

  /** The latest time any client received a message of this stream, `*` for any but the probes, which never pause (0: none yet). */
  lastReceive(stream: string): Promise<number> {
    return this.ask({ type: "lastReceive", stream });
  }

  /** Starts a window: byte counters are read from here. */
  mark(): Promise<void> {
    return this.ask({ type: "mark" });
  }

  /** What each group received in [from, to] against what the server emitted then. */
  collect(from: number, to: number, emits: Record<string, Stamp[]>): Promise<Record<string, GroupFigures>> {
    return this.ask({ type: "collect", from, to, emits });
  }

  async close(): Promise<void> {
    const { child } = this.proc;
    if (child.exitCode !== null || !child.connected) return;
    const exited = new Promise((r) => child.once("exit", r));
    await this.ask({ type: "close" }).catch(() => {});
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  }
}
