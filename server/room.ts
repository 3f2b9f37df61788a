import { randomBytes } from "node:crypto";
import { presenceOrder } from "@/lib/presenceDelta";
import type { Role } from "@/lib/types";
import type { Store } from "./store";

const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;
/**
 * The "who is here" list goes to every browser: 300 students joining together made 300 publications for each of
 * 300 sockets, and the server's buffers and heartbeats gave way (bench:fanout). At most one publication per this
 * period, the last one always sent; each travels as the change since the one before (lib/presenceDelta.ts).
 */
export const PRESENCE_PERIOD_MS = 1000;

/**
 * The people in the room: each display name belongs to the first browser that took it (by the client id it keeps
 * in localStorage), so a reload keeps the name and a grant to "민지" cannot be taken by a second 민지, who is
 * "민지 (2)". Connected people are published as the `presence` stream (the "who is here" list).
 */
export class Room {
  private readonly owners = new Map<string, string>();
  private readonly here = new Map<string, { role: Role; connections: number }>();
  private timer: NodeJS.Timeout | null = null;
  private dirty = false;

  constructor(private readonly store: Store) {}

  /** A usable client id: the browser's own, or a fresh one for a client that sent none (it then owns nothing later). */
  static clientId(sent: unknown): string {
    return typeof sent === "string" && CLIENT_ID.test(sent) ? sent : randomBytes(12).toString("base64url");
  }

  /** The name this browser gets: the one it asked for if free or already its own, else with the first free suffix. */
  claim(wanted: string, clientId: string): string {
    for (let n = 1; ; n++) {
      const name = n === 1 ? wanted : `${wanted} (${n})`;
      const owner = this.owners.get(name);
      if (owner === undefined) this.owners.set(name, clientId);
      if (owner === undefined || owner === clientId) return name;
    }
  }

  /** True when someone has taken this name in this run of the server (a grant can name only them). */
  knows(name: string): boolean {
    return this.owners.has(name);
  }

  /** Counts a connection in; the returned function counts it out. */
  join(name: string, role: Role): () => void {
    const entry = this.here.get(name) ?? { role, connections: 0 };
    entry.connections++;
    this.here.set(name, entry);
    this.publish();
    let left = false;
    return () => {
      if (left) return;
      left = true;
      entry.connections--;
      if (entry.connections <= 0) this.here.delete(name);
      this.publish();
    };
  }

  /** The first change publishes at once; changes within the period after it go out together at its end. */
  private publish(): void {
    if (this.timer) {
      this.dirty = true;
      return;
    }
    this.send();
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.dirty) {
        this.dirty = false;
        this.publish();
      }
    }, PRESENCE_PERIOD_MS);
    this.timer.unref();
  }

  private send(): void {
    const list = [...this.here].map(([name, e]) => ({ name, role: e.role, connections: e.connections }));
    // The browser sorts what a delta makes with the same order, so the list it draws is the server's.
    list.sort(presenceOrder);
    this.store.setPresence(list);
  }
}
