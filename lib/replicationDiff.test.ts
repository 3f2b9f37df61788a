import { describe, expect, it } from "vitest";
import {
  diffReplication,
  lastKnown,
  podForHost,
  type ReplicationNodeView,
  type ReplicationView,
} from "./replicationDiff";
import { parseInfoReplication } from "./replicationInfo";

const OLD = "241f97849a337004f549ead32ac4bb4dab5154f1";
const NEW = "9b3c1d2e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c";

function master(replid: string, offset: number, backlog = true) {
  return parseInfoReplication(
    `role:master\r\nconnected_slaves:0\r\nmaster_replid:${replid}\r\nmaster_replid2:0000000000000000000000000000000000000000\r\nmaster_repl_offset:${offset}\r\nrepl_backlog_active:${backlog ? 1 : 0}\r\n`,
  );
}
function replica(
  host: string,
  link: "up" | "down",
  replid: string,
  offset: number,
  replid2 = "0000000000000000000000000000000000000000",
) {
  return parseInfoReplication(
    `role:slave\r\nmaster_host:${host}\r\nmaster_port:6379\r\nmaster_link_status:${link}\r\nmaster_sync_in_progress:0\r\nslave_repl_offset:${offset}\r\nmaster_replid:${replid}\r\nmaster_replid2:${replid2}\r\nmaster_repl_offset:${offset}\r\n`,
  );
}
const node = (
  pod: string,
  ip: string | null,
  replication: ReplicationNodeView["replication"],
  dbsize: number | null,
  a?: string | null,
): ReplicationNodeView => ({
  pod,
  ip,
  replication,
  dbsize,
  values: a === undefined ? {} : { a },
});
const view = (...nodes: ReplicationNodeView[]): ReplicationView =>
  Object.fromEntries(nodes.map((n) => [n.pod, n]));

const M = "ds-redis-master-0";
const R0 = "ds-redis-replicas-0";
const R1 = "ds-redis-replicas-1";
const before = view(
  node(M, "127.65.9.2", master(OLD, 221), 1, "3333"),
  node(R0, "127.65.9.3", replica("127.65.9.2", "up", OLD, 221), 1, "3333"),
  node(R1, "127.65.9.4", replica("127.65.9.2", "up", OLD, 221), 1, "3333"),
);

describe("diffReplication", () => {
  it("says nothing when nothing changed but offsets moving forward", () => {
    const next = view(
      node(M, "127.65.9.2", master(OLD, 300), 1, "3333"),
      node(R0, "127.65.9.3", replica("127.65.9.2", "up", OLD, 300), 1, "3333"),
      node(R1, "127.65.9.4", replica("127.65.9.2", "up", OLD, 290), 1, "3333"),
    );
    expect(diffReplication(before, next)).toEqual([]);
  });

  it("tells the story of a master that restarts empty at a new IP (the seed without persistence)", () => {
    // Round 1: the master is gone, the replicas still serve the stale value.
    const down = view(
      node(M, null, null, null),
      node(R0, "127.65.9.3", replica("127.65.9.2", "down", OLD, 221), 1, "3333"),
      node(R1, "127.65.9.4", replica("127.65.9.2", "down", OLD, 221), 1, "3333"),
    );
    expect(diffReplication(before, down)).toEqual([
      { kind: "replica-link-down", params: { pod: R0, masterPod: null } },
      { kind: "replica-link-down", params: { pod: R1, masterPod: null } },
    ]);
    const known = lastKnown(before, down);
    expect(known[M].replication?.replid).toBe(OLD);

    // Round 2: the master is back at .5, empty; the replicas follow it there and take its empty copy.
    const back = view(
      node(M, "127.65.9.5", master(NEW, 14), 0, null),
      node(R0, "127.65.9.3", replica("127.65.9.5", "up", NEW, 14), 0, null),
      node(R1, "127.65.9.4", replica("127.65.9.5", "down", OLD, 221), 1, "3333"),
    );
    expect(diffReplication(known, back)).toEqual([
      { kind: "master-replid-changed", params: { pod: M, keys: 0 } },
      { kind: "keys-lost", params: { pod: M, keys: ["a"], dbsizeBefore: 1, dbsizeAfter: 0 } },
      {
        kind: "replica-master-changed",
        params: { pod: R0, from: "127.65.9.2", to: "127.65.9.5", masterPod: M },
      },
      { kind: "replica-link-up", params: { pod: R0, masterPod: M } },
      { kind: "replica-full-resync", params: { pod: R0, masterPod: M, keys: 0 } },
      { kind: "keys-lost", params: { pod: R0, keys: ["a"], dbsizeBefore: 1, dbsizeAfter: 0 } },
      {
        kind: "replica-master-changed",
        params: { pod: R1, from: "127.65.9.2", to: "127.65.9.5", masterPod: M },
      },
    ]);
  });

  it("reports a resync that kept the data (the seed with persistence) without any loss", () => {
    const back = view(
      node(M, "127.65.9.5", master(NEW, 14), 1, "3333"),
      node(R0, "127.65.9.3", replica("127.65.9.5", "up", NEW, 14), 1, "3333"),
    );
    const facts = diffReplication(before, back);
    expect(facts.filter((f) => f.kind === "keys-lost")).toEqual([]);
    expect(facts).toContainEqual({ kind: "replica-full-resync", params: { pod: R0, masterPod: M, keys: 1 } });
    expect(facts).toContainEqual({ kind: "master-replid-changed", params: { pod: M, keys: 1 } });
  });

  it("sees a full resync in the round the new copy landed even while the link reads down", () => {
    const next = { ...before, [R0]: node(R0, "127.65.9.3", replica("127.65.9.2", "down", NEW, 0), 0) };
    expect(diffReplication(before, next)).toContainEqual({
      kind: "replica-full-resync",
      params: { pod: R0, masterPod: M, keys: 0 },
    });
  });

  it("does not call a partial resync that continues the old history a full one", () => {
    const next = view(node(R0, "127.65.9.3", replica("127.65.9.2", "up", NEW, 300, OLD), 1, "3333"));
    expect(diffReplication(before, next)).toEqual([]);
  });

  it("sees a full resync at the same id when the offset starts over", () => {
    const next = { ...before, [R0]: node(R0, "127.65.9.3", replica("127.65.9.2", "up", OLD, 0), 1, "3333") };
    expect(diffReplication(before, next)).toEqual([
      { kind: "replica-full-resync", params: { pod: R0, masterPod: M, keys: 1 } },
    ]);
  });

  it("reports a role change and nothing replica-specific with it", () => {
    const next = view(node(R0, "127.65.9.3", master(NEW, 221), 1, "3333"));
    expect(diffReplication(before, next)).toEqual([
      { kind: "role-changed", params: { pod: R0, from: "slave", to: "master" } },
    ]);
  });

  it("stays silent about pods that did not answer, and about keys not read this round", () => {
    const next = view(
      node(M, null, null, null),
      node(R0, "127.65.9.3", replica("127.65.9.2", "up", OLD, 221), null),
    );
    expect(diffReplication(before, next)).toEqual([]);
  });

  it("reports a restarted master's new history once, when its provisional id gives way to the settled one", () => {
    const PROVISIONAL = "03a44069a909a02d390b794fb0132354a21a861a";
    const fresh = { ...before, [M]: node(M, "127.65.9.5", master(PROVISIONAL, 0, false), 0, null) };
    expect(diffReplication(before, fresh).map((f) => f.kind)).toEqual(["keys-lost"]);
    const settled = { ...before, [M]: node(M, "127.65.9.5", master(NEW, 14), 0, null) };
    expect(diffReplication(lastKnown(before, fresh), settled)).toEqual([
      { kind: "master-replid-changed", params: { pod: M, keys: 0 } },
    ]);
  });
});

describe("lastKnown", () => {
  it("keeps a silent pod's last answer and merges keys not read this round", () => {
    const next = view(node(M, null, null, null), {
      ...node(R0, "127.65.9.3", replica("127.65.9.2", "up", OLD, 230), null),
      values: { b: "1" },
    });
    const known = lastKnown(before, next);
    expect(known[M]).toBe(before[M]);
    expect(known[R0].values).toEqual({ a: "3333", b: "1" });
    expect(known[R0].dbsize).toBe(1);
    expect(known[R1]).toBeUndefined();
  });
});

describe("podForHost", () => {
  it("finds the master by IP locally and by its stable name on Kubernetes", () => {
    expect(podForHost("127.65.9.2", before)).toBe(M);
    expect(podForHost("ds-redis-master-0.ds-redis-headless.redis-mr.svc.cluster.local", before)).toBe(M);
    expect(podForHost("10.0.0.9", before)).toBeNull();
    expect(podForHost(null, before)).toBeNull();
  });
});
