import type { Server } from "socket.io";
import { EVENTS, type StreamMessage, type StreamName } from "@/lib/protocol";
import { slowSockets } from "./sendBacklog";
import { AWAITING_SNAPSHOT } from "./snapshotSender";

/**
 * How long the streams' messages wait for the ones that follow them. A failover's topology comes in bursts: each
 * pod's reply is a publication, 4-7 of them within 1-7 ms (measured on a local lab), each a render in every
 * browser and a write to every socket. Small beside DESIGN §7's 250 ms from Redis to the DOM.
 */
export const STREAMS_COALESCE_MS = 8;
/**
 * How long a change may wait when what the room watches did not move in it (lab B: only the pods' own views of
 * the cluster, not a role, slot or the cluster state): in a failover 2-4 such publications came in the 50 ms
 * before the promotion (bench:latency), each a render in every browser just before the one that mattered, on
 * the same two cores. Anything that cannot wait sends it along at once. Alone it waits this long and no more:
 * bench:fanout measures from the publication, and DESIGN §7's fan-out p99 <= 100 ms holds with the wait in it
 * (at 100 ms, a views-only change alone made the lab state's p99 116 ms).
 */
export const CAN_WAIT_MS = 50;

interface Pending {
  name: StreamName;
  /** The message's wire form; a collapsing stream's is made when sent, from what the stream holds then. */
  wire: () => unknown;
  volatile: boolean;
  collapses: boolean;
  /** How long it may wait for what follows; STREAMS_COALESCE_MS unless said. */
  waitMs?: number;
}

/**
 * What the streams publish within a few milliseconds goes to the browsers as one message (EVENTS.streams), encoded
 * once for all of them: one socket write and one render per browser instead of one per stream and publication.
 * A collapsing stream (a change against the version browsers hold) is sent once per message, as one change from
 * what they held to what it is now. Who gets it is decided when it is sent: a browser waiting for its snapshot
 * gets none (the snapshot, taken after a flush, holds it all), a slow one none of the volatile streams.
 */
export class StreamOutbox {
  private pending: Pending[] = [];
  private due: NodeJS.Timeout | null = null;
  /** When `due` fires: the earliest of what waits says when everything goes. */
  private dueAt = Infinity;

  constructor(
    private readonly io: Server,
    private readonly coalesceMs = STREAMS_COALESCE_MS,
  ) {}

  push(p: Pending): void {
    if (!(p.collapses && this.pending.some((q) => q.name === p.name))) this.pending.push(p);
    const wait = p.waitMs ?? this.coalesceMs;
    const at = performance.now() + wait;
    if (at >= this.dueAt) return;
    if (this.due) clearTimeout(this.due);
    this.dueAt = at;
    this.due = setTimeout(() => this.flush(), wait);
  }

  /** Sends what waits now: before a snapshot is taken, so that what it holds is never sent again after it. */
  flush(): void {
    if (this.due) clearTimeout(this.due);
    this.due = null;
    this.dueAt = Infinity;
    if (this.pending.length === 0) return;
    const all = this.pending.splice(0).map((p) => ({ ...p, message: [p.name, p.wire()] as StreamMessage }));
    const send = (to: ReturnType<Server["except"]>, list: typeof all) => {
      if (list.length)
        (to.emit as (ev: string, p: unknown) => boolean)(
          EVENTS.streams,
          list.map((m) => m.message),
        );
    };
    if (!all.some((m) => m.volatile)) return void send(this.io.except(AWAITING_SNAPSHOT), all);
    const slow = slowSockets(this.io.sockets.sockets.values());
    send(this.io.except([AWAITING_SNAPSHOT, ...slow]), all);
    if (slow.length)
      send(
        this.io.to(slow).except(AWAITING_SNAPSHOT),
        all.filter((m) => !m.volatile),
      );
  }
}
