import { describe, expect, it } from "vitest";
import { parseInfoPersistence, parseInfoReplication } from "./replicationInfo";
import { infoMasterPers, infoMasterRepl, infoReplicaDown, infoReplicaRepl } from "./replicationSamples";

describe("parseInfoReplication", () => {
  it("reads a master and its replica lines", () => {
    const info = parseInfoReplication(infoMasterRepl);
    expect(info).toMatchObject({
      role: "master",
      masterHost: null,
      masterPort: null,
      linkStatus: null,
      connectedSlaves: 1,
      slaves: [{ index: 0, ip: "127.65.250.2", port: 6379, state: "online", offset: 221, lag: 0 }],
      replid: "241f97849a337004f549ead32ac4bb4dab5154f1",
      replid2: null,
      backlogActive: true,
      masterReplOffset: 221,
      slaveReplOffset: null,
      offset: 221,
    });
  });

  it("reads a replica whose link is up", () => {
    expect(parseInfoReplication(infoReplicaRepl)).toMatchObject({
      role: "slave",
      masterHost: "127.65.250.1",
      masterPort: 6379,
      linkStatus: "up",
      masterLastIoSecondsAgo: 0,
      syncInProgress: false,
      connectedSlaves: 0,
      slaves: [],
      replid: "241f97849a337004f549ead32ac4bb4dab5154f1",
      slaveReplOffset: 221,
      offset: 221,
    });
  });

  it("reads a replica that lost its master: link down, never heard from (-1) as null", () => {
    const info = parseInfoReplication(infoReplicaDown);
    expect(info).toMatchObject({ linkStatus: "down", masterLastIoSecondsAgo: null, offset: 335 });
    expect(info.fields.slave_read_repl_offset).toBe("335");
  });

  it("reads a replica in the middle of a full sync and several replica lines in order", () => {
    const info = parseInfoReplication(
      "role:slave\r\nmaster_host:ds-redis-master-0.ds-redis-headless.redis-mr.svc.cluster.local\r\nmaster_port:6379\r\nmaster_link_status:down\r\nmaster_sync_in_progress:1\r\nmaster_replid2:abc\r\n",
    );
    expect(info).toMatchObject({
      syncInProgress: true,
      replid2: "abc",
      backlogActive: false,
      slaveReplOffset: null,
      offset: 0,
    });
    const master = parseInfoReplication(
      "role:master\nconnected_slaves:2\nslave1:ip=10.0.0.2,port=6379,state=wait_bgsave,offset=0,lag=1\nslave0:ip=10.0.0.1,port=6379,state=online,offset=9,lag=0\n",
    );
    expect(master.slaves.map((s) => [s.ip, s.state])).toEqual([
      ["10.0.0.1", "online"],
      ["10.0.0.2", "wait_bgsave"],
    ]);
  });
});

describe("parseInfoPersistence", () => {
  it("reads a master with AOF on", () => {
    expect(parseInfoPersistence(infoMasterPers)).toMatchObject({
      loading: false,
      aofEnabled: true,
      aofRewriteInProgress: false,
      aofRewriteScheduled: false,
      aofLastWriteStatus: "ok",
      aofCurrentSize: 298,
      aofBaseSize: 0,
      rdbBgsaveInProgress: false,
      rdbChangesSinceLastSave: 7,
      rdbLastSaveTime: 1796158037_000,
      loadingLoadedPerc: null,
    });
  });

  it("reads a Redis still loading its AOF", () => {
    const info = parseInfoPersistence(
      "# Persistence\r\nloading:1\r\nloading_loaded_perc:42.50\r\naof_enabled:1\r\n",
    );
    expect(info).toMatchObject({
      loading: true,
      loadingLoadedPerc: 42.5,
      aofEnabled: true,
      rdbLastSaveTime: null,
    });
  });
});
