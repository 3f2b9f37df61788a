// Lab A observes its master and replicas through `INFO replication` and `INFO persistence` (redis 7.0's
// field names). A field a Redis did not print reads as null rather than a guess, except where noted.

export interface ReplicaLine {
  /** N of the `slaveN:` line. */
  index: number;
  ip: string;
  port: number;
  /** `online`, `wait_bgsave`, `send_bulk`… */
  state: string;
  offset: number;
  lag: number | null;
}

export interface ReplicationInfo {
  role: "master" | "slave";
  masterHost: string | null;
  masterPort: number | null;
  linkStatus: "up" | "down" | null;
  /** -1 from Redis (never heard from the master) reads as null. */
  masterLastIoSecondsAgo: number | null;
  syncInProgress: boolean;
  connectedSlaves: number;
  slaves: ReplicaLine[];
  replid: string | null;
  replid2: string | null;
  /**
   * Whether the node keeps a replication backlog. A master that has never had a replica has none, and its
   * replid is provisional: Redis 7.0 draws a new one when the first replica attaches.
   */
  backlogActive: boolean;
  masterReplOffset: number;
  /** A replica's own progress (`slave_repl_offset`); null on a master. */
  slaveReplOffset: number | null;
  /** The offset that says how far this node is: a replica's own, else the master's. */
  offset: number;
  fields: Record<string, string>;
}

export function parseInfoReplication(text: string): ReplicationInfo {
  const fields = keyValues(text);
  const link = fields.master_link_status;
  const lastIo = intOrNull(fields.master_last_io_seconds_ago);
  const slaveOffset = intOrNull(fields.slave_repl_offset);
  const masterOffset = intOrNull(fields.master_repl_offset) ?? 0;
  const slaves: ReplicaLine[] = [];
  for (const [key, value] of Object.entries(fields)) {
    const m = /^slave(\d+)$/.exec(key);
    if (!m) continue;
    const attrs = Object.fromEntries(value.split(",").map((kv) => kv.split("=", 2) as [string, string]));
    slaves.push({
      index: Number(m[1]),
      ip: attrs.ip ?? "",
      port: intOrNull(attrs.port) ?? 0,
      state: attrs.state ?? "",
      offset: intOrNull(attrs.offset) ?? 0,
      lag: intOrNull(attrs.lag),
    });
  }
  slaves.sort((a, b) => a.index - b.index);
  return {
    // Every Redis prints `role`; a missing one means a truncated reply, and a master is the safer guess.
    role: fields.role === "slave" ? "slave" : "master",
    masterHost: fields.master_host || null,
    masterPort: intOrNull(fields.master_port),
    linkStatus: link === "up" || link === "down" ? link : null,
    masterLastIoSecondsAgo: lastIo === null || lastIo < 0 ? null : lastIo,
    syncInProgress: fields.master_sync_in_progress === "1",
    connectedSlaves: intOrNull(fields.connected_slaves) ?? 0,
    slaves,
    replid: fields.master_replid || null,
    replid2: fields.master_replid2 && !/^0+$/.test(fields.master_replid2) ? fields.master_replid2 : null,
    backlogActive: fields.repl_backlog_active === "1",
    masterReplOffset: masterOffset,
    slaveReplOffset: slaveOffset,
    offset: slaveOffset ?? masterOffset,
    fields,
  };
}

export interface PersistenceInfo {
  /** True while Redis loads its AOF/RDB at start (it answers LOADING until done). */
  loading: boolean;
  aofEnabled: boolean;
  aofRewriteInProgress: boolean;
  aofRewriteScheduled: boolean;
  /** `ok` or `err`; null when absent. */
  aofLastWriteStatus: string | null;
  aofCurrentSize: number | null;
  aofBaseSize: number | null;
  rdbBgsaveInProgress: boolean;
  rdbChangesSinceLastSave: number | null;
  /** ms since epoch (Redis prints seconds). */
  rdbLastSaveTime: number | null;
  /** While loading: percent done, as Redis prints it. */
  loadingLoadedPerc: number | null;
  fields: Record<string, string>;
}

export function parseInfoPersistence(text: string): PersistenceInfo {
  const fields = keyValues(text);
  const lastSave = intOrNull(fields.rdb_last_save_time);
  const perc = fields.loading_loaded_perc === undefined ? NaN : Number(fields.loading_loaded_perc);
  return {
    loading: fields.loading === "1",
    aofEnabled: fields.aof_enabled === "1",
    aofRewriteInProgress: fields.aof_rewrite_in_progress === "1",
    aofRewriteScheduled: fields.aof_rewrite_scheduled === "1",
    aofLastWriteStatus: fields.aof_last_write_status ?? null,
    aofCurrentSize: intOrNull(fields.aof_current_size),
    aofBaseSize: intOrNull(fields.aof_base_size),
    rdbBgsaveInProgress: fields.rdb_bgsave_in_progress === "1",
    rdbChangesSinceLastSave: intOrNull(fields.rdb_changes_since_last_save),
    rdbLastSaveTime: lastSave === null ? null : lastSave * 1000,
    loadingLoadedPerc: Number.isFinite(perc) ? perc : null,
    fields,
  };
}

function keyValues(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith("#")) continue;
    const colon = line.indexOf(":");
    if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).trim();
  }
  return fields;
}

function intOrNull(value: string | undefined): number | null {
  if (value === undefined || value === "") return null;
  const n = Number(value);
  return Number.isInteger(n) ? n : null;
}
