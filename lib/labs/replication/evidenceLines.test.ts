import { describe, expect, it } from "vitest";
import { infoPersistenceLines, infoReplicationLines } from "./evidenceLines";

// A replica whose master was just deleted (redis-server 7, INFO replication).
const REPLICA = `# Replication\r
role:slave\r
master_host:ds-redis-master-0.ds-redis-headless\r
master_port:6379\r
master_link_status:down\r
master_last_io_seconds_ago:-1\r
master_sync_in_progress:0\r
slave_repl_offset:1234\r
master_replid:3f1c0c1d4e9b8a7f6e5d4c3b2a1908f7e6d5c4b3\r
master_repl_offset:1234\r
`;

const PERSISTENCE_OFF = `# Persistence\r
loading:0\r
rdb_changes_since_last_save:3\r
rdb_last_bgsave_status:ok\r
aof_enabled:0\r
aof_last_bgrewrite_status:ok\r
aof_last_write_status:err\r
`;

describe("infoReplicationLines", () => {
  it("marks the role, the link, where the replica looks for its master and the offset", () => {
    const out = infoReplicationLines(REPLICA);
    const by = (prefix: string) => out.find((l) => l.text.startsWith(prefix));
    expect(out[0]).toMatchObject({ text: "# Replication", tone: "plain" });
    expect(by("role:")).toMatchObject({ tone: "self", note: { code: "roleReplica" } });
    expect(by("master_link_status:")).toMatchObject({ tone: "bad", note: { code: "linkDown" } });
    expect(by("master_host:")).toMatchObject({ tone: "self", note: { code: "followsHost" } });
    expect(by("master_repl_offset:")).toMatchObject({ note: { code: "masterOffset" } });
    expect(by("master_port:")?.tone).toBe("plain");
    expect(by("slave_repl_offset:")?.tone).toBe("plain");
  });

  it("says a master is the master and a live link is up", () => {
    expect(infoReplicationLines("role:master")[0].note).toEqual({ code: "roleMaster" });
    expect(infoReplicationLines("master_link_status:up")[0]).toMatchObject({ tone: "good" });
  });
});

describe("infoPersistenceLines", () => {
  it("warns that nothing is kept without the AOF, and marks a failed write", () => {
    const out = infoPersistenceLines(PERSISTENCE_OFF);
    const by = (prefix: string) => out.find((l) => l.text.startsWith(prefix));
    expect(by("aof_enabled:")).toMatchObject({ tone: "warn", note: { code: "aofOff" } });
    expect(by("rdb_last_bgsave_status:")).toMatchObject({ tone: "good", note: { code: "lastOk" } });
    expect(by("aof_last_write_status:")).toMatchObject({ tone: "bad", note: { code: "lastFailed" } });
    expect(by("loading:")?.tone).toBe("plain");
    expect(by("rdb_changes_since_last_save:")?.tone).toBe("plain");
  });

  it("marks the AOF on and a load in progress", () => {
    expect(infoPersistenceLines("aof_enabled:1\nloading:1").map((l) => l.note?.code)).toEqual([
      "aofOn",
      "loading",
    ]);
  });
});
