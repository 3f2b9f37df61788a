import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { infoPersistenceLines, infoReplicationLines } from "@/lib/labs/replication/evidenceLines";
import type { PodEvidence } from "@/lib/protocol";
import { dataLoss } from "@/lib/runMetrics";
import type { ProbeLane, RunSummary } from "@/lib/types";
import { findRedisServers } from "@/server/platform/local/leftovers";
import { startLab, TEST_TOKEN, type TestLab, waitFor } from "./harness";
import { topologyOf } from "@/lib/labs/cluster/state";
import { aofOf, replicationOf } from "@/lib/labs/replication/state";
import { type DashboardState, dashboardReducer, initialDashboardState } from "@/lib/clientState";
import { EVENTS, payloadsOf, type Snapshot, type StreamMessage } from "@/lib/protocol";

const MASTER = "ds-redis-master-0";
const REPLICA_LANES: ProbeLane[] = ["replica-0", "replica-1", "replicas-svc"];
/** Bounds, not expectations: each wait ends when the lab reports what it waits for. */
const BOUND_MS = 45_000;

const auth = { "content-type": "application/json", authorization: `Bearer ${TEST_TOKEN}` };

/** The newest sample of key `a` on each lab A lane. */
function latestValues(lab: TestLab): Partial<Record<ProbeLane, string | null>> {
  const out: Partial<Record<ProbeLane, string | null>> = {};
  for (const s of lab.store.samplesSince(Date.now() - 2000)) {
    if (s.key === "a" && s.outcome !== "error") out[s.lane] = s.value;
  }
  return out;
}

async function writeSeed(lab: TestLab): Promise<void> {
  for (const value of ["1111", "2222", "3333"]) {
    const res = await lab.fetch("/api/keys", {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ key: "a", value }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { reply: string; command: string };
    expect(body.reply).toBe("OK");
    expect(body.command).toBe(`redis-cli -h ds-redis-master SET a ${value}`);
  }
  await waitFor(
    "every lane to read 3333",
    () => {
      const v = latestValues(lab);
      return ["master", ...REPLICA_LANES].every((l) => v[l as ProbeLane] === "3333");
    },
    BOUND_MS,
  );
  // What is lost is known from what the observer saw each pod hold: wait until it has seen `a` everywhere.
  await waitFor(
    "the replication observer to count the key on every pod",
    () =>
      replicationOf(lab.store.labState).nodes.length === 3 &&
      replicationOf(lab.store.labState).nodes.every((n) => (n.keys ?? 0) >= 1),
    BOUND_MS,
  );
}

/** Deletes the master over HTTP and waits for the run to end; returns the run. */
async function deleteMaster(lab: TestLab): Promise<RunSummary> {
  const res = await lab.deleteRequest(MASTER);
  expect(res.status).toBe(202);
  const { runId } = (await res.json()) as { runId: string };
  return waitFor(
    "the run to end",
    () => {
      const r = lab.store.run(runId);
      return r && r.status !== "running" ? r : null;
    },
    BOUND_MS + 60_000,
    100,
  );
}

async function waitUntilLinked(lab: TestLab): Promise<void> {
  await waitFor(
    "both replicas linked",
    () =>
      replicationOf(lab.store.labState).nodes.filter((n) => n.role === "replica" && n.linkStatus === "up")
        .length === 2,
    BOUND_MS,
  );
}

describe("the replication lab through the server (DASHBOARD_LAB=replication)", () => {
  let lab: TestLab;
  /** A browser's copy, from snapshots and `labState` deltas only, as the page holds it. */
  let held: DashboardState = initialDashboardState;
  let viewer: Socket | null = null;
  const wire = { deltas: 0, full: 0 };

  beforeAll(async () => {
    lab = await startLab("127.43.31", { DASHBOARD_LAB: "replication" });
    viewer = io(lab.server.url, { auth: { name: "viewer" }, transports: ["websocket"], reconnection: false });
    viewer.on(
      "snapshot",
      (snapshot: Snapshot) => (held = dashboardReducer(held, { type: "snapshot", snapshot })),
    );
    viewer.on(EVENTS.streams, (messages: StreamMessage[]) => {
      for (const d of payloadsOf(messages, "labState")) {
        if (d.full) wire.full++;
        else wire.deltas++;
        held = dashboardReducer(held, { type: "stream", name: "labState", payload: d });
      }
    });
  });

  afterAll(async () => {
    viewer?.close();
    await lab?.close();
  });

  it("runs lab A's pods, lanes and observer, and /api/state carries each node's replication", async () => {
    expect(lab.store.lab.lab).toBe("replication");
    expect(lab.store.lab.lanes).toEqual(["master", "replica-0", "replica-1", "replicas-svc"]);
    await waitUntilLinked(lab);
    const state = (await (await lab.fetch("/api/state")).json()) as {
      nodes: { pod: string; role: string; linkStatus: string | null; offset: number; replId: string }[];
    };
    expect(state.nodes.map((n) => [n.pod, n.role])).toEqual([
      [MASTER, "master"],
      ["ds-redis-replicas-0", "replica"],
      ["ds-redis-replicas-1", "replica"],
    ]);
    expect(state.nodes.filter((n) => n.linkStatus === "up")).toHaveLength(2);
    // The topology poller is not running: nothing in this lab answers CLUSTER NODES.
    expect(topologyOf(lab.store.labState).views).toEqual([]);
  });

  it("Explain on a pod shows that pod's own INFO replication and INFO persistence", async () => {
    await waitUntilLinked(lab);
    const read = async (pod: string) => {
      const res = await lab.fetch(`/api/pods/${pod}/evidence`);
      expect(res.status).toBe(200);
      return (await res.json()) as PodEvidence;
    };
    const replica = await read("ds-redis-replicas-0");
    expect(replica).toMatchObject({ kind: "replication", pod: "ds-redis-replicas-0", error: null });
    if (replica.kind !== "replication") throw new Error("lab A read lab B's evidence");
    const lines = infoReplicationLines(replica.infoReplication ?? "");
    const line = (key: string) => lines.find((l) => l.text.startsWith(`${key}:`));
    expect(line("role")).toMatchObject({ text: "role:slave", note: { code: "roleReplica" } });
    expect(line("master_link_status")).toMatchObject({ text: "master_link_status:up", tone: "good" });
    expect(line("master_host")?.note).toEqual({ code: "followsHost" });
    const persistence = infoPersistenceLines(replica.infoPersistence ?? "");
    // As in the chart, the AOF is on even without persistence: what is lost with the pod is the dir it is in.
    expect(persistence.find((l) => l.text.startsWith("aof_enabled:"))).toMatchObject({
      text: "aof_enabled:1",
      note: { code: "aofOn" },
    });
    expect(persistence.find((l) => l.text.startsWith("loading:"))?.text).toBe("loading:0");
    const master = await read(MASTER);
    expect(master.kind === "replication" && master.infoReplication).toContain("role:master");
  });

  it("refuses lab B's repair with the lab that has it", async () => {
    const res = await lab.fetch("/api/repair/plan");
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      code: "not_in_lab",
      params: { what: "repair", lab: "cluster", running: "replication" },
    });
  });

  it("the instructor puts the room on one of lab A's guide steps; a step of lab B's guide is refused", async () => {
    const post = (step: string | null) =>
      lab.fetch("/api/guide", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${TEST_TOKEN}` },
        body: JSON.stringify({ step }),
      });
    const ok = await post("resync");
    expect(ok.status).toBe(200);
    expect(lab.store.guide).toMatchObject({ step: "resync", by: "instructor" });
    const other = await post("repair");
    expect(other.status).toBe(400);
    expect(await other.json()).toMatchObject({ code: "invalid_request" });
    expect(lab.store.guide.step, "a refused step changes nothing").toBe("resync");
    expect((await post(null)).status).toBe(200);
    expect(lab.store.guide.step).toBeNull();
  });

  it("refuses a write without the token and a malformed one, and changes nothing", async () => {
    const anon = await lab.fetch("/api/keys", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ key: "a", value: "x" }),
    });
    expect(anon.status).toBe(401);
    const bad = await lab.fetch("/api/keys", {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ key: "a b", value: "x", extra: 1 }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe("invalid_request");
  });

  it("over the socket: a student may neither write nor switch the lab; the instructor may write", async () => {
    const ask = async (auth: Record<string, string>, event: string, payload: unknown) => {
      const s = io(lab.server.url, { auth, transports: ["websocket"], forceNew: true });
      try {
        return (await s.timeout(10_000).emitWithAck(event, payload)) as { ok: boolean; code?: string };
      } finally {
        s.close();
      }
    };
    const student = { name: "민지" };
    // Writing can be handed over by the instructor (not yet); switching the lab cannot.
    expect(await ask(student, "key:set", { key: "a", value: "x" })).toMatchObject({
      ok: false,
      code: "not_granted",
    });
    expect(await ask(student, "lab:switch", { lab: "cluster" })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(lab.store.lab.lab).toBe("replication");
    const teacher = { token: TEST_TOKEN, name: "instructor" };
    expect(await ask(teacher, "key:set", { key: "a", value: 7 })).toMatchObject({
      ok: false,
      code: "invalid_request",
    });
    expect(await ask(teacher, "key:set", { key: "z", value: "socket" })).toMatchObject({ ok: true });
  });

  it("without persistence: deleting the master loses a on the master and both replicas", async () => {
    await writeSeed(lab);
    const run = await deleteMaster(lab);
    expect(run.status).toBe("recovered");
    await waitFor(
      "the replica lanes to read (nil)",
      () => {
        const v = latestValues(lab);
        return REPLICA_LANES.every((l) => l in v && v[l] === null);
      },
      BOUND_MS,
    );
    const loss = dataLoss(run.replication!.lost, (p) => p === MASTER);
    expect(loss).toEqual({ master: true, replicas: 2, keys: ["a"] });
    expect(run.replication!.fullResyncs).toBeGreaterThanOrEqual(2);
    // While the master was away the replicas went on answering what they held.
    expect(run.replication!.staleReads).toBeGreaterThan(0);
    expect(replicationOf(lab.store.labState).nodes.every((n) => n.keys === 0)).toBe(true);
    const ended = lab.store
      .snapshot()
      .events.find((e) => e.kind === "replication-run-ended" && e.params.runId === run.id);
    expect(ended?.params).toMatchObject({
      lostOnMaster: true,
      lostOnReplicas: 2,
      keys: ["a"],
      recovered: true,
    });
  });

  it("with persistence: the master comes back with a and nothing is lost", async () => {
    const res = await lab.fetch("/api/lab", {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ lab: "replication", persistence: true }),
    });
    expect(res.status).toBe(200);
    expect(lab.store.settings.persistence).toBe(true);
    await waitUntilLinked(lab);
    await writeSeed(lab);
    // The AOF viewer's source holds the seed's commands.
    const aof = (await (await lab.fetch("/api/aof")).json()) as {
      dir: { files: { type: string | null; decoded: { commands: { args: { text: string }[] }[] } | null }[] };
    };
    const commands = aof.dir.files
      .filter((f) => f.type === "incr")
      .flatMap((f) => f.decoded?.commands.map((c) => c.args.map((a) => a.text).join(" ")) ?? []);
    expect(commands).toContain("set a 3333");

    const run = await deleteMaster(lab);
    expect(run.status).toBe("recovered");
    expect(run.replication!.lost).toEqual([]);
    // The browser's lab A state (every pod's replication, the master's AOF files) came as changes, not whole,
    // and is the server's, through the lab reset's snapshot and the master's delete.
    const [mine, theirs] = await waitFor(
      "the viewer to hold the server's lab state version",
      () => held.labStateVersion === lab.store.labStateVersion && [held.labState, lab.store.labState],
      5000,
    );
    expect(mine).toEqual(theirs);
    expect(wire.deltas).toBeGreaterThan(0);
    expect(wire.full).toBe(0);
    expect(aofOf(mine)?.dir.files.length).toBeGreaterThan(0);
    const ended = lab.store
      .snapshot()
      .events.find((e) => e.kind === "replication-run-ended" && e.params.runId === run.id);
    expect(ended?.params).toMatchObject({ lostOnMaster: false, lostOnReplicas: 0, keys: [] });
    expect(run.replication!.masterAwayMs).toBeGreaterThan(0);
    await waitFor(
      "every lane to read 3333 again",
      () => {
        const v = latestValues(lab);
        return ["master", ...REPLICA_LANES].every((l) => v[l as ProbeLane] === "3333");
      },
      BOUND_MS,
    );
  });

  it("switches to the cluster lab and back; no redis-server of the other lab is left", async () => {
    const toCluster = await lab.fetch("/api/lab", {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ lab: "cluster" }),
    });
    expect(toCluster.status).toBe(200);
    expect(lab.store.lab.lab).toBe("cluster");
    expect(lab.store.pods.map((p) => p.name)).toHaveLength(6);
    expect(findRedisServers(`${lab.dataDir}/replication`)).toEqual([]);
    await waitFor("cluster_state:ok", () => topologyOf(lab.store.labState).clusterState === "ok", BOUND_MS);

    const back = await lab.fetch("/api/lab", {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ lab: "replication" }),
    });
    expect(back.status).toBe(200);
    expect(lab.store.pods.map((p) => p.name)).toEqual([MASTER, "ds-redis-replicas-0", "ds-redis-replicas-1"]);
    const pods = findRedisServers(lab.dataDir);
    await waitFor("only lab A's three pods", () => findRedisServers(lab.dataDir).length === 3, BOUND_MS);
    expect(pods.length).toBeGreaterThanOrEqual(3);
  });
});
