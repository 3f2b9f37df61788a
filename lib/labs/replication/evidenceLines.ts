// Marks the lines of a lab A pod's own INFO replication / INFO persistence that tell whom it follows and what it
// keeps, so the room finds `master_link_status:down` or `aof_enabled:0` without reading forty lines. Pure.
import { type EvidenceLine, lines, valueOf } from "../../evidenceLine";

function mark(text: string): EvidenceLine {
  const is = (key: string) => valueOf(text, key);
  const role = is("role");
  if (role !== null) {
    return { text, tone: "self", note: { code: role === "master" ? "roleMaster" : "roleReplica" } };
  }
  const link = is("master_link_status");
  if (link !== null) {
    return link === "up"
      ? { text, tone: "good", note: { code: "linkUp" } }
      : { text, tone: "bad", note: { code: "linkDown" } };
  }
  if (is("master_host") !== null) return { text, tone: "self", note: { code: "followsHost" } };
  if (is("master_repl_offset") !== null) return { text, tone: "self", note: { code: "masterOffset" } };
  const aof = is("aof_enabled");
  if (aof !== null) {
    return aof === "1"
      ? { text, tone: "good", note: { code: "aofOn" } }
      : { text, tone: "warn", note: { code: "aofOff" } };
  }
  if (is("loading") === "1") return { text, tone: "warn", note: { code: "loading" } };
  for (const key of ["rdb_last_bgsave_status", "aof_last_bgrewrite_status", "aof_last_write_status"]) {
    const status = is(key);
    if (status !== null) {
      return status === "ok"
        ? { text, tone: "good", note: { code: "lastOk" } }
        : { text, tone: "bad", note: { code: "lastFailed" } };
    }
  }
  return { text, tone: "plain", note: null };
}

/** `INFO replication`: the role, the link to the master and where the replica looks for it, the offset. */
export function infoReplicationLines(text: string): EvidenceLine[] {
  return lines(text).map(mark);
}

/** `INFO persistence`: whether the AOF is on, a load in progress, and how the last saves and writes went. */
export function infoPersistenceLines(text: string): EvidenceLine[] {
  return lines(text).map(mark);
}
