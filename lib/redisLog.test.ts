import { describe, expect, it } from "vitest";
import { classifyLogMessage, parseRedisLogLine } from "./redisLog";

// `kubectl -n redis-cluster logs ds-redis-redis-cluster-3` from the seed (lab B, 2-(3)).
const PROMOTED_LOG = `1:S 10 Mar 2024 04:14:46.204 * Connection with master lost.
1:S 10 Mar 2024 04:14:46.204 * Caching the disconnected master state.
1:S 10 Mar 2024 04:14:46.204 * Reconnecting to MASTER 10.42.2.79:6379
1:S 10 Mar 2024 04:14:46.204 * MASTER <-> REPLICA sync started
1:S 10 Mar 2024 04:14:46.204 # Error condition on socket for SYNC: Connection refused
1:S 10 Mar 2024 04:14:46.405 * Connecting to MASTER 10.42.2.79:6379
1:S 10 Mar 2024 04:14:46.405 * MASTER <-> REPLICA sync started
1:S 10 Mar 2024 04:15:05.953 * Marking node e64f0b9d8ca9b97ebe0ef4982542bd592cd5ee07 () as failing (quorum reached).
1:S 10 Mar 2024 04:15:05.953 # Cluster state changed: fail
1:S 10 Mar 2024 04:15:05.976 * Start of election delayed for 907 milliseconds (rank #0, offset 1897).
1:S 10 Mar 2024 04:15:06.981 * Starting a failover election for epoch 7.
1:S 10 Mar 2024 04:15:06.993 * Failover election won: I'm the new master.
1:S 10 Mar 2024 04:15:06.993 * configEpoch set to 7 after successful failover
1:M 10 Mar 2024 04:15:06.993 * Discarding previously cached master state.
1:M 10 Mar 2024 04:15:06.993 * Setting secondary replication ID to 48d106616d275a26ddf91c34bc5f0a5e923442a6, valid up to offset: 1898. New replication ID is a05cd391f027d0bf8da7016cae10906d3a2963d7
1:M 10 Mar 2024 04:15:06.993 * Cluster state changed: ok`;

// `kubectl -n redis-cluster logs ds-redis-redis-cluster-2` after it restarted without nodes.conf.
const RESTARTED_LOG = `1:M 10 Mar 2024 04:14:52.840 * No cluster configuration found, I'm 11439c6cb119c655887813742cb13eb8be4d3ab0
1:M 10 Mar 2024 04:14:52.844 * Server initialized
1:M 10 Mar 2024 04:14:52.847 * Creating AOF base file appendonly.aof.1.base.rdb on server start
1:M 10 Mar 2024 04:14:52.851 * Creating AOF incr file appendonly.aof.1.incr.aof on server start
1:M 10 Mar 2024 04:14:52.851 * Ready to accept connections tcp`;

const OLD_ID = "e64f0b9d8ca9b97ebe0ef4982542bd592cd5ee07";
const NEW_ID = "11439c6cb119c655887813742cb13eb8be4d3ab0";
const PROMOTED_ID = "d25d71a3282e47d3d12c4c7d92d3bddc712a148c";

describe("parseRedisLogLine", () => {
  it("parses a replica's line with its ms timestamp in UTC", () => {
    expect(
      parseRedisLogLine(
        `1:S 10 Mar 2024 04:15:05.953 * Marking node ${OLD_ID} () as failing (quorum reached).`,
      ),
    ).toEqual({
      pid: 1,
      roleChar: "S",
      role: "replica",
      t: Date.UTC(2024, 2, 10, 4, 15, 5, 953),
      level: "*",
      message: `Marking node ${OLD_ID} () as failing (quorum reached).`,
    });
  });

  it("parses every line of the seed's logs, keeping their order in time", () => {
    const lines = [...PROMOTED_LOG.split("\n"), ...RESTARTED_LOG.split("\n")];
    const parsed = lines.map((l) => parseRedisLogLine(l));
    expect(parsed.every((p) => p !== null)).toBe(true);
    const promoted = parsed.slice(0, 16);
    const ts = promoted.map((p) => p!.t);
    expect([...ts].sort((a, b) => a - b)).toEqual(ts);
    // FAIL at 04:15:05.953, promotion at 04:15:06.993: the ~1 s election the lab points at.
    expect(promoted[12]!.t - promoted[7]!.t).toBe(1040);
    expect(promoted[13]!.roleChar).toBe("M");
  });

  it("parses a Redis 7 master line with a multi-digit pid and a warning level", () => {
    const p = parseRedisLogLine("12345:M 25 Nov 2026 09:12:01.123 # Cluster state changed: fail");
    expect(p).toMatchObject({ pid: 12345, roleChar: "M", role: "master", level: "#" });
    expect(p!.t).toBe(Date.UTC(2026, 10, 25, 9, 12, 1, 123));
  });

  it("knows the child and sentinel role letters and the debug/verbose levels", () => {
    expect(parseRedisLogLine("77:C 1 Jan 2025 00:00:00.000 - DB saved on disk")).toMatchObject({
      roleChar: "C",
      role: "child",
      level: "-",
    });
    expect(parseRedisLogLine("8:X 1 Jan 2025 00:00:00.000 . debug")).toMatchObject({
      role: "sentinel",
      level: ".",
    });
  });

  it("accepts a trailing CR and a kubectl --timestamps prefix", () => {
    expect(parseRedisLogLine("1:M 10 Mar 2024 04:15:06.993 * Cluster state changed: ok\r")?.message).toBe(
      "Cluster state changed: ok",
    );
    expect(
      parseRedisLogLine("2024-03-10T04:15:06.993456789Z 1:M 10 Mar 2024 04:15:06.993 * Ready")?.message,
    ).toBe("Ready");
  });

  it("dates year-less lines of old Redis only when told the year", () => {
    const line = "1:M 06 Jun 10:13:38.507 * Ready to accept connections";
    expect(parseRedisLogLine(line)).toBeNull();
    expect(parseRedisLogLine(line, 2019)?.t).toBe(Date.UTC(2019, 5, 6, 10, 13, 38, 507));
    // A year in the line wins over the hint.
    expect(parseRedisLogLine("1:M 06 Jun 2024 10:13:38.507 * x", 2019)?.t).toBe(
      Date.UTC(2024, 5, 6, 10, 13, 38, 507),
    );
  });

  it("rejects the banner, blank lines, and impossible dates", () => {
    for (const line of [
      "",
      "                _._                                                  ",
      "           _.-``__ ''-._                                             ",
      " (    '      ,       .-`  | `,    )     Running in cluster mode",
      "redis 12:C 10 Mar 2024 04:14:52.840 # oO0OoO0OoO0Oo Redis is starting",
      "1:Q 10 Mar 2024 04:14:52.840 * bad role",
      "1:M 31 Feb 2024 04:14:52.840 * no such day",
      "1:M 10 Foo 2024 04:14:52.840 * no such month",
      "1:M 10 Mar 2024 25:14:52.840 * no such hour",
    ]) {
      expect(parseRedisLogLine(line)).toBeNull();
    }
  });
});

describe("classifyLogMessage", () => {
  const classify = (line: string) => classifyLogMessage(parseRedisLogLine(line)!.message);

  it("classifies the seed's promoted-replica log", () => {
    const kinds = PROMOTED_LOG.split("\n").map((l) => classify(l).kind);
    expect(kinds).toEqual([
      "master-lost",
      null,
      "sync",
      "sync",
      "sync",
      "sync",
      "sync",
      "node-fail",
      "cluster-state",
      "failover-election",
      "failover-election",
      "replica-promoted",
      "replica-promoted",
      null,
      null,
      "cluster-state",
    ]);
  });

  it("extracts the failed node id and the facts of the election", () => {
    expect(classifyLogMessage(`Marking node ${OLD_ID} () as failing (quorum reached).`)).toEqual({
      kind: "node-fail",
      highlight: true,
      nodeId: OLD_ID,
      detail: "quorum of masters reached: FAIL",
    });
    expect(classifyLogMessage(`Marking node ${OLD_ID} as failing (quorum reached).`).nodeId).toBe(OLD_ID);
    expect(
      classifyLogMessage("Start of election delayed for 907 milliseconds (rank #0, offset 1897)."),
    ).toEqual({
      kind: "failover-election",
      highlight: false,
      detail: "delayed 907 ms (rank #0, offset 1897)",
    });
    expect(classifyLogMessage("Starting a failover election for epoch 7.")).toEqual({
      kind: "failover-election",
      highlight: true,
      detail: "epoch 7",
    });
    expect(classifyLogMessage("Failover election won: I'm the new master.")).toMatchObject({
      kind: "replica-promoted",
      highlight: true,
    });
    expect(classifyLogMessage("configEpoch set to 7 after successful failover")).toEqual({
      kind: "replica-promoted",
      highlight: false,
      detail: "configEpoch 7",
    });
    expect(classifyLogMessage("Cluster state changed: fail")).toEqual({
      kind: "cluster-state",
      highlight: true,
      detail: "fail",
    });
    expect(classifyLogMessage("Cluster state changed: ok").detail).toBe("ok");
  });

  it("recognises the restarted pod's new identity", () => {
    const first = classify(RESTARTED_LOG.split("\n")[0]);
    expect(first).toMatchObject({ kind: "no-config", highlight: true, nodeId: NEW_ID });
    expect(
      RESTARTED_LOG.split("\n")
        .slice(1)
        .map((l) => classify(l).kind),
    ).toEqual([null, null, null, null]);
  });

  it("reads FAIL reports from other nodes, with and without Redis 7 hostnames", () => {
    const from = "3878969c8652eaf2c095ea9342470083b6eb4186";
    expect(classifyLogMessage(`FAIL message received from ${from} about ${OLD_ID}`)).toEqual({
      kind: "node-fail",
      highlight: true,
      nodeId: OLD_ID,
      detail: `reported by ${from}`,
    });
    expect(
      classifyLogMessage(`FAIL message received from ${from} (ds-redis-0) about ${OLD_ID} (ds-redis-2)`)
        .nodeId,
    ).toBe(OLD_ID);
    expect(classifyLogMessage(`Node ${from} () reported node ${OLD_ID} () as not reachable.`)).toMatchObject({
      kind: "node-pfail",
      nodeId: OLD_ID,
    });
    expect(classifyLogMessage(`*** NODE ${OLD_ID} possibly failing`)).toMatchObject({
      kind: "node-pfail",
      nodeId: OLD_ID,
    });
  });

  it("recognises recovery and role changes", () => {
    expect(classifyLogMessage(`Clear FAIL state for node ${OLD_ID}: replica is reachable again.`)).toEqual({
      kind: "node-recovered",
      highlight: true,
      nodeId: OLD_ID,
      detail: "replica is reachable again.",
    });
    expect(
      classifyLogMessage(`Clear FAIL state for node ${OLD_ID} ():master without slots is reachable again.`),
    ).toMatchObject({ kind: "node-recovered", nodeId: OLD_ID });
    expect(
      classifyLogMessage(
        `Configuration change detected. Reconfiguring myself as a replica of ${PROMOTED_ID}`,
      ),
    ).toEqual({ kind: "role-changed", highlight: true, nodeId: PROMOTED_ID, detail: "became a replica" });
    expect(
      classifyLogMessage(
        `Configuration change detected. Reconfiguring myself as a replica of node ${PROMOTED_ID} () in shard abc`,
      ).nodeId,
    ).toBe(PROMOTED_ID);
    expect(
      classifyLogMessage(
        `Node ${OLD_ID} () is no longer master of shard ${PROMOTED_ID}; removed all 5461 slot(s)`,
      ),
    ).toMatchObject({ kind: "role-changed", nodeId: OLD_ID });
    expect(
      classifyLogMessage(
        `A failover occurred in shard ${NEW_ID}; node ${OLD_ID} () lost 5461 slot(s) to node ${PROMOTED_ID} () with a config epoch of 7`,
      ),
    ).toEqual({
      kind: "replica-promoted",
      highlight: false,
      nodeId: PROMOTED_ID,
      detail: `took 5461 slot(s) from ${OLD_ID}`,
    });
  });

  it("recognises replication sync progress, highlighting success", () => {
    expect(classifyLogMessage("MASTER <-> REPLICA sync: Finished with success")).toEqual({
      kind: "sync",
      highlight: true,
      detail: "Finished with success",
    });
    expect(classifyLogMessage("MASTER <-> SLAVE sync started").kind).toBe("sync");
    expect(classifyLogMessage("Error condition on socket for SYNC: Connection refused")).toEqual({
      kind: "sync",
      highlight: false,
      detail: "error: Connection refused",
    });
  });

  it("recognises forget and meet traces on a best-effort basis", () => {
    expect(classifyLogMessage(`Cluster node ${OLD_ID} () forgotten`)).toMatchObject({
      kind: "forget",
      nodeId: OLD_ID,
    });
    expect(classifyLogMessage("IP address for this node updated to 10.42.2.82")).toMatchObject({
      kind: "meet",
      detail: "met by the cluster as 10.42.2.82",
    });
    expect(classifyLogMessage("Sending MEET to 10.42.2.82:6379")).toMatchObject({
      kind: "meet",
      detail: "10.42.2.82:6379",
    });
  });

  it("leaves context lines unclassified", () => {
    for (const m of [
      "Server initialized",
      "Ready to accept connections tcp",
      "Caching the disconnected master state.",
    ]) {
      expect(classifyLogMessage(m)).toEqual({ kind: null, highlight: false });
    }
  });
});
