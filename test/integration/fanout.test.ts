import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LabEvent } from "@/lib/events";
import { deltaFollows } from "@/lib/clientState";
import { applyPresenceDelta, type PresenceDelta } from "@/lib/presenceDelta";
import { decodeSamples, type WireBatch } from "@/lib/probeWire";
import { EVENTS, type PresenceEntry, type Snapshot, type StreamMessage } from "@/lib/protocol";
import type { ProbeSample } from "@/lib/types";
import { startLab, type TestLab, waitFor } from "./harness";

/** Enough browsers joining at once that one encoding per browser and one per window differ by far. */
const JOINERS = 40;

interface Viewer {
  socket: Socket;
  /** Stream messages in the order they arrived, `snapshot` included. */
  received: { name: string; payload: unknown }[];
  /** The EVENTS.streams messages as they arrived, one per turn of the server's event loop. */
  bundles: StreamMessage[][];
}

function connect(lab: TestLab, name: string): Viewer {
  const socket = io(lab.server.url, { auth: { name }, transports: ["websocket"], reconnection: false });
  const v: Viewer = { socket, received: [], bundles: [] };
  socket.on("snapshot", (s: Snapshot) => v.received.push({ name: "snapshot", payload: s }));
  socket.on(EVENTS.streams, (messages: StreamMessage[]) => {
    v.bundles.push(messages);
    for (const [name, payload] of messages) v.received.push({ name, payload });
  });
  return v;
}

const snapshotOf = (v: Viewer) =>
  v.received.find((m) => m.name === "snapshot")?.payload as Snapshot | undefined;

describe("fan-out to a class: snapshots shared by those who join together, no probe batch lost in a burst", () => {
  let lab: TestLab;
  const viewers: Viewer[] = [];

  beforeAll(async () => {
    lab = await startLab("127.43.44");
    await waitFor("all pods ready", () => lab.store.pods.every((p) => p.ready), 20_000);
  });
  afterAll(async () => {
    for (const v of viewers) v.socket.close();
    await lab?.close();
  });

  it("browsers joining together get one snapshot taken for all of them, nothing before it, and every event after it", async () => {
    const store = lab.store;
    const take = store.snapshot.bind(store);
    let taken = 0;
    store.snapshot = () => {
      taken++;
      return take();
    };
    try {
      for (let i = 0; i < JOINERS; i++) viewers.push(connect(lab, `학생 ${i}`));
      await waitFor("every joiner's snapshot", () => viewers.every((v) => snapshotOf(v)), 30_000);
    } finally {
      store.snapshot = take;
    }
    console.log(`${JOINERS} joiners, ${taken} snapshots taken`);
    expect(taken, "one snapshot per window, not per browser").toBeLessThan(JOINERS / 2);

    // An event after every snapshot: each browser's events continue its snapshot's sequence without a gap.
    const marker = store.addEvents([
      { t: Date.now(), kind: "key-set", params: { actor: "test", key: "fanout", value: "1" } },
    ]);
    expect(marker).toHaveLength(1);
    await waitFor(
      "the event at every browser",
      () => viewers.every((v) => v.received.some((m) => m.name === "events")),
      10_000,
    );
    for (const v of viewers) {
      expect(v.received[0].name, "the snapshot comes first").toBe("snapshot");
      const snap = snapshotOf(v)!;
      const seqs = v.received
        .filter((m) => m.name === "events")
        .flatMap((m) => (m.payload as LabEvent[]).map((e) => e.seq));
      expect(seqs[0], "the first event after the snapshot follows it").toBe(snap.seq + 1);
      expect(seqs.at(-1)).toBe(marker[0].seq);
    }
  });

  it("a probe batch published in the same tick as another stream reaches every browser", async () => {
    // socket.io's `volatile` drops a message whenever the socket's last write is still in flight: a batch right
    // behind any other message (a failover publishes five streams at once) was lost for every browser.
    const t = Date.now() - 1;
    const batch: ProbeSample[] = [
      { t, key: "fanout-test", lane: "cluster", outcome: "ok", errorKind: null, value: "1", latencyMs: 1 },
    ];
    lab.store.setPresence(lab.store.presence);
    lab.store.emit("probes", batch);
    const has = (v: Viewer) =>
      v.received.some(
        (m) =>
          m.name === "probes" && decodeSamples(m.payload as WireBatch).some((s) => s.key === "fanout-test"),
      );
    await waitFor(
      "the batch at every browser, or a probe tick later without it",
      () => {
        if (viewers.every(has)) return true;
        // Probes tick every 100 ms here: once each browser has a later real batch, the test batch is lost, not late.
        const later = (v: Viewer) =>
          v.received.some(
            (m) => m.name === "probes" && decodeSamples(m.payload as WireBatch).some((s) => s.t > t + 500),
          );
        return viewers.every(later);
      },
      10_000,
    );
    expect(viewers.filter((v) => !has(v)).length, "browsers that lost the batch").toBe(0);
  });

  it("what the streams publish in one turn reaches each browser as one message, in the order published", async () => {
    const store = lab.store;
    const from = viewers.map((v) => v.bundles.length);
    const [event] = store.addEvents([
      { t: Date.now(), kind: "key-set", params: { actor: "test", key: "bundle", value: "1" } },
    ]);
    store.setPresence(store.presence);
    const version = store.presenceVersion;
    const hasEvent = (m: StreamMessage) => m[0] === "events" && m[1].some((e) => e.seq === event.seq);
    await waitFor(
      "the event at every browser",
      () => viewers.every((v, i) => v.bundles.slice(from[i]).some((b) => b.some(hasEvent))),
      10_000,
    );
    for (const [i, v] of viewers.entries()) {
      const bundle = v.bundles.slice(from[i]).find((b) => b.some(hasEvent))!;
      const names = bundle.map(([name]) => name);
      const presence = names.indexOf("presence");
      expect(presence, "presence in the same message as the event").toBeGreaterThan(
        names.findIndex((_, j) => hasEvent(bundle[j])),
      );
      expect((bundle[presence][1] as PresenceDelta).version).toBe(version);
    }
  });

  it("presence reaches every browser as deltas of who changed, never the room again, and adds up to the server's list", async () => {
    const store = lab.store;
    const wave: Viewer[] = [];
    for (let i = 0; i < JOINERS; i++) wave.push(connect(lab, `두번째 ${i}`));
    viewers.push(...wave);
    await waitFor("every new joiner's snapshot", () => wave.every((v) => snapshotOf(v)), 30_000);
    // Some leave too: a delta removes them.
    const leaving = wave.splice(0, 5);
    for (const v of leaving) {
      v.socket.close();
      viewers.splice(viewers.indexOf(v), 1);
    }
    const everyone = () => store.presence.length === viewers.length;
    await waitFor("the server's list of who is here", everyone, 10_000);
    // The list settles; one more publication after it reaches every browser that holds the version before it.
    const last = store.presenceVersion + 1;
    store.setPresence(store.presence);
    await waitFor(
      "the last presence delta at every browser",
      () =>
        viewers.every((v) =>
          v.received.some((m) => m.name === "presence" && (m.payload as PresenceDelta).version === last),
        ),
      10_000,
    );

    for (const v of viewers) {
      const snap = snapshotOf(v)!;
      let held: PresenceEntry[] = snap.presence;
      let version = snap.presenceVersion;
      for (const m of v.received.slice(v.received.findIndex((x) => x.name === "snapshot") + 1)) {
        if (m.name !== "presence") continue;
        const d = m.payload as PresenceDelta;
        expect(Object.keys(d).every((k) => ["base", "version", "upsert", "removed"].includes(k))).toBe(true);
        const follows = deltaFollows(version, d);
        expect(follows, "no presence delta skips a version").not.toBe("gap");
        if (follows === "stale") continue;
        // Only who came, left or changed travels: what the browser holds already is never sent again.
        const before = new Map(held.map((e) => [e.name, e]));
        for (const e of d.upsert ?? []) expect(before.get(e.name)).not.toEqual(e);
        for (const name of d.removed ?? []) expect(before.has(name)).toBe(true);
        held = applyPresenceDelta(held, d);
        version = d.version;
      }
      expect(version).toBe(last);
      expect(held).toEqual(store.presence);
    }
  });
});
