import type { Socket } from "socket.io";

/**
 * A browser with this many packets waiting behind its socket's write in flight is slow: it misses the droppable
 * streams (lib/protocol.ts `volatile`) until it catches up. The streams go as one packet per few milliseconds
 * (server/streamOutbox.ts); a healthy browser's queue empties within milliseconds, even in a failover.
 */
export const SLOW_BACKLOG = 16;

const backlog = new WeakMap<Socket, { queued: number }>();

/**
 * Counts what engine.io queued for a socket and has not yet handed to its transport. socket.io's own `volatile`
 * drops a message whenever a write is in flight, so a probe batch published in the same tick as a topology delta
 * was lost for every browser (bench:fanout: every client missed a batch in each failover).
 */
export function trackBacklog(socket: Socket): void {
  const b = { queued: 0 };
  backlog.set(socket, b);
  socket.conn.on("packetCreate", () => b.queued++);
  socket.conn.on("flush", (packets: unknown[]) => (b.queued = Math.max(0, b.queued - packets.length)));
}

/** The ids of the sockets that are slow now; a socket's id is also a room, so a broadcast can skip them. */
export function slowSockets(sockets: Iterable<Socket>): string[] {
  const slow: string[] = [];
  for (const s of sockets) if ((backlog.get(s)?.queued ?? 0) >= SLOW_BACKLOG) slow.push(s.id);
  return slow;
}
