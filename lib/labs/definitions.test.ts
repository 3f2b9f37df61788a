import { describe, expect, it } from "vitest";
import { CATALOGUES } from "../i18n/catalogue";
import { LOCALES } from "../i18n/locale";
import type { LabEvent } from "../events";
import { startRun } from "../runMetrics";
import { fixturePod } from "../testFixtures";
import type { LabKind, ReplicationNode } from "../types";
import { LAB_DEFINITIONS, labWith } from ".";
import { LAB_ACTIONS } from "./types";
import { clusterLabState } from "./cluster/state";
import { withReplication } from "./replication/state";

const EMPTY = withReplication({ kind: "cluster" }, {});

function at(messages: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((m, k) => (m as Record<string, unknown> | undefined)?.[k], messages);
}

describe("every lab's definition is complete", () => {
  const kinds = Object.keys(LAB_DEFINITIONS) as LabKind[];

  it.each(kinds)("%s: is filed under its own kind", (kind) => {
    expect(LAB_DEFINITIONS[kind].kind).toBe(kind);
  });

  it.each(kinds)("%s: has lanes and guide steps, each once", (kind) => {
    const d = LAB_DEFINITIONS[kind];
    expect(d.lanes.length).toBeGreaterThan(0);
    expect(new Set(d.lanes).size).toBe(d.lanes.length);
    expect(d.guideSteps.length).toBeGreaterThan(0);
    expect(new Set(d.guideSteps).size).toBe(d.guideSteps.length);
  });

  it.each(kinds.flatMap((k) => LOCALES.map((l) => [k, l] as const)))(
    "%s: every lane and guide step has a text in %s",
    (kind, locale) => {
      const d = LAB_DEFINITIONS[kind];
      const messages = CATALOGUES[locale];
      for (const lane of d.lanes)
        expect(at(messages, `timeline.lanes.${lane}`), lane).toEqual(expect.any(String));
      for (const step of d.guideSteps)
        expect(at(messages, `${d.guideTexts}.${step}`), step).toEqual(expect.any(String));
    },
  );

  it("no lane belongs to two labs (a sample's lane says which lab read it)", () => {
    const lanes = kinds.flatMap((k) => LAB_DEFINITIONS[k].lanes);
    expect(new Set(lanes).size).toBe(lanes.length);
  });

  it("every action is offered by some lab, so a refusal can point to it", () => {
    for (const action of LAB_ACTIONS) expect(labWith(action), action).not.toBeNull();
  });
});

describe("recovery predicates", () => {
  const run = startRun({
    id: "run-1",
    pod: "ds-redis-master-0",
    nodeId: null,
    role: "master",
    mode: "graceful",
    actor: "test",
    startedAt: 0,
    keys: ["a"],
  });
  const node = (over: Partial<ReplicationNode>): ReplicationNode => ({
    pod: "ds-redis-replicas-0",
    ip: "127.0.0.2",
    reachable: true,
    role: "replica",
    linkStatus: "up",
    masterHost: null,
    masterPod: "ds-redis-master-0",
    offset: 0,
    replId: null,
    connectedReplicas: null,
    lastIoSecondsAgo: null,
    syncInProgress: false,
    lastFullSyncAt: null,
    keys: 0,
    aofEnabled: false,
    loading: false,
    ...over,
  });

  it("lab B: not recovered while a slot has no live master", () => {
    const input = {
      run,
      pod: undefined,
      state: clusterLabState({ nodes: [], clusterState: "ok", views: [] }),
    };
    expect(LAB_DEFINITIONS.cluster.recovered(input)).toBe(false);
  });

  it("lab A: recovered once the master is ready and both replicas follow it, not while one link is down", () => {
    const master = node({ pod: "ds-redis-master-0", role: "master", linkStatus: null, masterPod: null });
    const linked = {
      ...run,
      replication: { lost: [], masterAwayMs: 1, replicasLinkedAfterMs: 2, fullResyncs: 0, staleReads: 0 },
    };
    const pod = fixturePod("ds-redis-master-0", "127.0.0.1");
    const up = withReplication(EMPTY, {
      replication: { nodes: [master, node({}), node({ pod: "ds-redis-replicas-1" })] },
    });
    const down = withReplication(EMPTY, {
      replication: { nodes: [master, node({}), node({ pod: "ds-redis-replicas-1", linkStatus: "down" })] },
    });
    expect(LAB_DEFINITIONS.replication.recovered({ run: linked, pod, state: up })).toBe(true);
    expect(LAB_DEFINITIONS.replication.recovered({ run: linked, pod, state: down })).toBe(false);
    expect(
      LAB_DEFINITIONS.replication.recovered({
        run: linked,
        pod: { ...pod, ready: false },
        state: up,
      }),
    ).toBe(false);
  });
});

describe("lab A's run", () => {
  const hooks = LAB_DEFINITIONS.replication.run;
  const fresh = () =>
    hooks.start!(
      startRun({
        id: "run-2",
        pod: "ds-redis-master-0",
        nodeId: null,
        role: "master",
        mode: "graceful",
        actor: "민지",
        startedAt: 1000,
        keys: ["a"],
      }),
      EMPTY,
    );
  const event = <E extends LabEvent>(e: Omit<E, "seq">) => ({ seq: 1, ...e }) as E;

  it("folds resyncs and lost keys per pod, and ends with where the data was lost", () => {
    const run = fresh();
    hooks.onEvent!(
      run,
      event({
        kind: "replica-full-resync",
        t: 1200,
        params: { pod: "ds-redis-replicas-0", masterPod: "ds-redis-master-0", keys: 0 },
      }),
    );
    for (const keys of [["a"], ["b", "a"]]) {
      hooks.onEvent!(
        run,
        event({
          kind: "keys-lost",
          t: 1300,
          params: { pod: "ds-redis-replicas-0", keys, dbsizeBefore: 2, dbsizeAfter: 0 },
        }),
      );
    }
    hooks.onEvent!(
      run,
      event({
        kind: "keys-lost",
        t: 1300,
        params: { pod: "ds-redis-master-0", keys: ["a"], dbsizeBefore: 2, dbsizeAfter: 0 },
      }),
    );
    expect(run.replication?.fullResyncs).toBe(1);
    expect(run.replication?.lost.find((l) => l.pod === "ds-redis-replicas-0")?.keys).toEqual(["a", "b"]);
    run.podReadyAfterMs = 2500;
    hooks.onPodReady!(run);
    expect(run.replication?.masterAwayMs).toBe(2500);
    const master = { pod: "ds-redis-master-0", role: "master" } as ReplicationNode;
    const ctx = {
      samples: [],
      now: 5000,
      podReplaced: true,
      state: withReplication(EMPTY, { replication: { nodes: [master] } }),
    };
    const ended = hooks.endEvent({ ...run, endedAt: 5000 }, true, ctx);
    expect(ended).toMatchObject({
      kind: "replication-run-ended",
      t: 5000,
      params: { actor: "민지", recovered: true, masterAwayMs: 2500, lostOnMaster: true, lostOnReplicas: 1 },
    });
  });

  it("lab B's run ends with its downtime per lane, and nothing of lab A", () => {
    const run = startRun({
      id: "run-3",
      pod: "ds-redis-redis-cluster-0",
      nodeId: "n0",
      role: "master",
      mode: "graceful",
      actor: "e2e",
      startedAt: 0,
      keys: ["a"],
    });
    const ended = LAB_DEFINITIONS.cluster.run.endEvent({ ...run, endedAt: 9 }, false, {
      samples: [],
      now: 9,
      podReplaced: false,
      state: clusterLabState({ nodes: [], clusterState: "ok", views: [] }),
    });
    expect(ended).toMatchObject({ kind: "run-ended", params: { nodeId: "n0", recovered: false } });
    expect(run.replication).toBeUndefined();
  });
});
