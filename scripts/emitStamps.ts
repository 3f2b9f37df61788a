import { createHash } from "node:crypto";
import type { Stamp } from "@/lib/benchStats";
import { presenceDelta } from "@/lib/presenceDelta";
import { type PresenceEntry, STREAM_NAMES } from "@/lib/protocol";
import type { ProbeSample } from "@/lib/types";
import type { Store } from "@/server/store";
import { now } from "./benchLab";

/**
 * The bench's hook on the server: when the store publishes on a stream (before the hub hands it to socket.io,
 * listeners run in order and this one is first), note the time and a key the clients can compute from what they
 * received (scripts/fleetProcess.ts): a probe batch's tick time, a topology delta's version, else a hash of the
 * JSON text socket.io sends.
 * Hashing an 11 KB topology takes tens of microseconds: next to the fan-out it measures, it does not count.
 */
export class EmitStamps {
  private recording = false;
  stamps: Record<string, Stamp[]> = {};
  /**
   * JSON bytes published per stream. Probes and the lab state excluded: their wire forms are made by the hub.
   * Presence as a delta per publication: the hub sends those of a few milliseconds as one, so at most this.
   */
  bytes: Record<string, number> = {};

  /** The presence list as of the last publication: what the next presence delta is made against. */
  private presence: { list: PresenceEntry[]; version: number };

  constructor(store: Store) {
    this.presence = { list: store.presence, version: store.presenceVersion };
    for (const name of STREAM_NAMES) {
      store.prependListener(name, ((payload: unknown) => {
        // Presence follows every publication, recorded or not: the next delta is made against the last list.
        const presence = name === "presence" ? this.presenceWire(payload as PresenceEntry[], store) : null;
        if (!this.recording) return;
        const t = now();
        if (name === "probes") {
          const samples = payload as ProbeSample[];
          (this.stamps[name] ??= []).push({ key: String(Math.min(...samples.map((s) => s.t))), t });
          return;
        }
        // The hub sends the lab's state as a delta against the version each browser holds: the version is the key.
        if (name === "labState") {
          (this.stamps[name] ??= []).push({ key: String(store.labStateVersion), t });
          return;
        }
        // Presence too, and its size is the delta's, made as the hub makes it from the list before.
        if (presence) {
          this.bytes[name] = (this.bytes[name] ?? 0) + Buffer.byteLength(JSON.stringify([name, presence]));
          (this.stamps[name] ??= []).push({ key: String(store.presenceVersion), t });
          return;
        }
        const text = JSON.stringify([name, payload]);
        this.bytes[name] = (this.bytes[name] ?? 0) + Buffer.byteLength(text);
        (this.stamps[name] ??= []).push({ key: createHash("sha1").update(text).digest("base64"), t });
      }) as never);
    }
  }

  private presenceWire(list: PresenceEntry[], store: Store) {
    const d = presenceDelta(this.presence.list, list, this.presence.version, store.presenceVersion);
    this.presence = { list, version: store.presenceVersion };
    return d;
  }

  /** Starts a window afresh. */
  start(): void {
    this.stamps = {};
    this.bytes = {};
    this.recording = true;
  }

  stop(): Record<string, Stamp[]> {
    this.recording = false;
    return this.stamps;
  }
}
