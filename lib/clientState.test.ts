import { describe, expect, it } from "vitest";
import { dashboardReducer, deltaFollows, initialDashboardState, missedEvents } from "./clientState";
import { topologyOf } from "./labs/cluster/state";
import { labStateDelta } from "./labs/labStateDelta";
import type { LabEvent } from "./events";
import { encodeSamples } from "./probeWire";
import { fixturePod, fixtureViews } from "./testFixtures";
import type { Snapshot } from "./protocol";
import { PLATFORM_OK, type RunSummary, type Topology } from "./types";

const ready = (seq: number): LabEvent => ({ seq, t: seq, kind: "pod-ready", params: { pod: "p" } });

describe("dashboardReducer", () => {
  it("keeps every pod list in arrival order, numbered, so a page that renders once still sees both", () => {
    const terminating = [fixturePod("p-0", "10.0.0.1", { phase: "Terminating", ready: false })];
    const pending = [fixturePod("p-0", null)];
    let s = dashboardReducer(initialDashboardState, { type: "stream", name: "pods", payload: terminating });
    s = dashboardReducer(s, { type: "stream", name: "pods", payload: pending });
    expect(s.pods).toBe(pending);
    expect(s.podLists).toEqual([
      { seq: 1, pods: terminating },
      { seq: 2, pods: pending },
    ]);
    for (let i = 0; i < 30; i++) s = dashboardReducer(s, { type: "stream", name: "pods", payload: pending });
    expect(s.podLists.length).toBeLessThanOrEqual(20);
    expect(s.podLists.at(-1)?.seq).toBe(32);
  });

  it("replaces a run by id and puts new runs first", () => {
    const run = { id: "r1", status: "running" } as RunSummary;
    let s = dashboardReducer(initialDashboardState, { type: "stream", name: "run", payload: run });
    s = dashboardReducer(s, {
      type: "stream",
      name: "run",
      payload: { id: "r2", status: "running" } as RunSummary,
    });
    s = dashboardReducer(s, { type: "stream", name: "run", payload: { ...run, status: "recovered" } });
    expect(s.runs.map((r) => [r.id, r.status])).toEqual([
      ["r2", "running"],
      ["r1", "recovered"],
    ]);
  });

  it("bounds the event log and follows the sequence", () => {
    const events = Array.from({ length: 1500 }, (_, i) => ready(i + 1));
    const s = dashboardReducer(initialDashboardState, { type: "stream", name: "events", payload: events });
    expect(s.events).toHaveLength(1000);
    expect(s.events[0].seq).toBe(501);
    expect(s.seq).toBe(1500);
  });

  it("does not append events the snapshot already holds", () => {
    const snapshot = {
      ...initialDashboardState,
      samples: encodeSamples([]),
      lab: null,
      events: [ready(1), ready(2)],
      seq: 2,
    };
    let s = dashboardReducer(initialDashboardState, {
      type: "snapshot",
      snapshot: snapshot as unknown as Snapshot,
    });
    s = dashboardReducer(s, { type: "stream", name: "events", payload: [ready(2), ready(3)] });
    expect(s.events.map((e) => e.seq)).toEqual([1, 2, 3]);
  });
});

describe("platform status", () => {
  it("keeps what the platform cannot see (API unreachable) until the platform says it can again", () => {
    const down = { apiUnreachable: { since: 5, error: "connect ECONNREFUSED" }, logErrors: [] };
    let s = dashboardReducer(initialDashboardState, {
      type: "stream",
      name: "platformStatus",
      payload: down,
    });
    s = dashboardReducer(s, { type: "stream", name: "pods", payload: [] });
    expect(s.platformStatus.apiUnreachable?.since).toBe(5);
    s = dashboardReducer(s, { type: "stream", name: "platformStatus", payload: PLATFORM_OK });
    expect(s.platformStatus.apiUnreachable).toBeNull();
  });
});

describe("missedEvents", () => {
  it("is true only when a batch skips a seq", () => {
    expect(missedEvents(4, [ready(5), ready(6)])).toBe(false);
    expect(missedEvents(4, [ready(3), ready(4), ready(5)])).toBe(false);
    expect(missedEvents(4, [ready(7)])).toBe(true);
    expect(missedEvents(4, [])).toBe(false);
  });
});

describe("the topology as versioned deltas", () => {
  const PODS = [fixturePod("p-0", "10.0.0.1"), fixturePod("p-1", "10.0.0.2")];
  const TEXT = `aaaa000000000000000000000000000000000000 10.0.0.1:6379@16379 master - 0 1 1 connected 0-16383
bbbb000000000000000000000000000000000000 10.0.0.2:6379@16379 slave aaaa000000000000000000000000000000000000 0 1 1 connected`;
  const views = fixtureViews(PODS, TEXT);
  const v1: Topology = { nodes: [], clusterState: "ok", views };
  const v2: Topology = {
    ...v1,
    clusterState: "fail",
    views: [views[0], { ...views[1], reachable: false, error: "no answer", silentSince: 5, entries: [] }],
  };
  const v3: Topology = { ...v2, clusterState: "ok" };
  const fromSnapshot = (topology: Topology, topologyVersion: number) =>
    dashboardReducer(initialDashboardState, {
      type: "snapshot",
      snapshot: {
        ...initialDashboardState,
        samples: encodeSamples([]),
        labState: { kind: "cluster", topology },
        labStateVersion: topologyVersion,
      } as unknown as Snapshot,
    });

  const delta = (a: Topology, b: Topology, base: number, version: number) =>
    labStateDelta({ kind: "cluster", topology: a }, { kind: "cluster", topology: b }, base, version);

  it("applies a delta on the version the snapshot holds, then the next one", () => {
    let s = fromSnapshot(v1, 7);
    expect(s.labStateVersion).toBe(7);
    s = dashboardReducer(s, { type: "stream", name: "labState", payload: delta(v1, v2, 7, 8) });
    expect(topologyOf(s.labState)).toEqual(v2);
    expect(s.labStateVersion).toBe(8);
    s = dashboardReducer(s, { type: "stream", name: "labState", payload: delta(v2, v3, 8, 9) });
    expect(topologyOf(s.labState)).toEqual(v3);
    expect(s.labStateVersion).toBe(9);
  });

  it("keeps a lab switch's whole state, and what an empty change did not touch", () => {
    const s = fromSnapshot(v1, 3);
    const same = dashboardReducer(s, { type: "stream", name: "labState", payload: delta(v1, v1, 3, 4) });
    expect(same.labState).toBe(s.labState);
    const replication = { kind: "replication" as const, replication: { nodes: [] }, aof: null };
    const full = labStateDelta(s.labState, replication, 4, 5);
    expect(full.full).toBe(replication);
    expect(dashboardReducer(same, { type: "stream", name: "labState", payload: full }).labState).toEqual(
      replication,
    );
  });

  it("changes nothing for a delta on another base: stale ones are dropped, a gap asks for a snapshot", () => {
    const s = fromSnapshot(v2, 8);
    const stale = delta(v1, v2, 7, 8);
    const ahead = delta(v2, v3, 9, 10);
    expect(dashboardReducer(s, { type: "stream", name: "labState", payload: stale })).toBe(s);
    expect(dashboardReducer(s, { type: "stream", name: "labState", payload: ahead })).toBe(s);
    expect(deltaFollows(8, stale)).toBe("stale");
    expect(deltaFollows(8, ahead)).toBe("gap");
    expect(deltaFollows(8, delta(v2, v3, 8, 9))).toBe("applies");
  });
});
