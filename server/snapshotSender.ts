import type { Server, Socket } from "socket.io";

/** The room of the browsers whose snapshot is on its way: no stream reaches them until it is sent (it holds all). */
export const AWAITING_SNAPSHOT = "awaiting-snapshot";
/**
 * How long a browser that asked for a snapshot waits for others to ask too: a class opening the page together (or
 * reconnecting after a server restart) asks hundreds of times within seconds, and one broadcast to the room encodes
 * the ~100 KB snapshot once for all of them where `socket.emit` encodes it once per browser. Small beside a
 * handshake on a loaded server (seconds, bench:fanout).
 */
export const SNAPSHOT_COALESCE_MS = 50;

/**
 * Sends snapshots to the browsers that need one, taken once per window and encoded once for all of them. A
 * browser leaves the room with its snapshot, so every delta it gets after it applies to it and none before it is
 * lost: what was published meanwhile is in the snapshot, taken when it is sent.
 */
export class SnapshotSender<S> {
  private due: NodeJS.Timeout | null = null;

  constructor(
    private readonly io: Server,
    private readonly event: string,
    private readonly take: () => S,
  ) {}

  /** This browser gets the next snapshot. */
  request(socket: Socket): void {
    socket.join(AWAITING_SNAPSHOT);
    this.schedule();
  }

  /** Every connected browser gets the next snapshot (the lab changed under all of them). */
  requestAll(): void {
    this.io.socketsJoin(AWAITING_SNAPSHOT);
    this.schedule();
  }

  private schedule(): void {
    // Unref'd: a window still open holds no closing server up; its browsers are gone with it.
    this.due ??= setTimeout(() => this.flush(), SNAPSHOT_COALESCE_MS).unref();
  }

  private flush(): void {
    this.due = null;
    const waiting = this.io.of("/").adapter.rooms.get(AWAITING_SNAPSHOT);
    if (!waiting?.size) return;
    (this.io.to(AWAITING_SNAPSHOT).emit as (ev: string, p: unknown) => boolean)(this.event, this.take());
    this.io.socketsLeave(AWAITING_SNAPSHOT);
  }
}
