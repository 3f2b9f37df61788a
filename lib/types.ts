// Domain types shared by the server and the browser. Pure data, no I/O.

export type LabKind = "cluster" | "replication";
export type PlatformKind = "local" | "kubernetes";

/** The running lab: which one, where, and what it probes. */
export interface LabInfo {
  platform: PlatformKind;
  lab: LabKind;
  scope: string;
  keys: string[];
  lanes: ProbeLane[];
  probeIntervalMs: number;
  nodeTimeoutMs: number;
  /** `cluster-require-full-coverage` of the local pods; null where the chart decides (kubernetes). */
  requireFullCoverage: boolean | null;
  startedAt: number;
}

/**
 * What the dashboard cannot see right now, so the screen never presents it as current. Facts, no sentences.
 * `apiUnreachable`: the Kubernetes API has not answered since `since` (ms); the pod states shown are the
 * last ones it gave and may be stale. `logErrors`: pods whose log the API refuses (403, 400), so the log
 * panel lacks their lines.
 */
export interface PlatformStatus {
  apiUnreachable: { since: number; error: string } | null;
  logErrors: { pod: string; since: number; error: string }[];
}

export const PLATFORM_OK: PlatformStatus = { apiUnreachable: null, logErrors: [] };

export type PodPhase = "Pending" | "Running" | "Terminating";

/** One pod of the lab, as `kubectl get pod -o wide` would show it. */
export interface PodState {
  name: string;
  /** null while Pending (no IP assigned yet). */
  ip: string | null;
  phase: PodPhase;
  ready: boolean;
  /** Why the pod is not ready, in the words of the readiness probe (e.g. `cluster_state:fail`). */
  readyReason: string | null;
  /** What kubectl's STATUS shows instead of the phase, e.g. `CrashLoopBackOff` while a restart is held back. */
  reason?: string | null;
  restarts: number;
  /** ms since epoch when this incarnation of the pod was created (AGE). */
  createdAt: number;
  /** The machine it runs on (`kubectl get pod -o wide`'s NODE); null until scheduled. */
  node: string | null;
}

export type NodeRole = "master" | "replica";

/** A slot range, both ends inclusive, as in `CLUSTER NODES` (`0-5460`). */
export type SlotRange = [number, number];

export interface SlotMigration {
  slot: number;
  direction: "migrating" | "importing";
  nodeId: string;
}

/** One line of `CLUSTER NODES`, parsed. */
export interface ClusterNodeEntry {
  id: string;
  ip: string;
  port: number;
  busPort: number;
  hostname: string | null;
  /** Raw flags except the role: `myself`, `fail`, `fail?` is reported as `pfail`, `handshake`, `noaddr`, `nofailover`. */
  flags: string[];
  role: NodeRole;
  masterId: string | null;
  pingSent: number;
  pongRecv: number;
  configEpoch: number;
  linkState: "connected" | "disconnected";
  slots: SlotRange[];
  migrations: SlotMigration[];
}

/** What one pod's Redis says about the cluster: its own view, never merged with others. */
export interface NodeView {
  pod: string;
  ip: string;
  reachable: boolean;
  error: string | null;
  /** Node id this Redis reports for itself (`myself`). */
  myId: string | null;
  clusterState: "ok" | "fail" | null;
  knownNodes: number;
  currentEpoch: number;
  entries: ClusterNodeEntry[];
  /** ms since epoch when the view was read. */
  at: number;
  /** Set while the pod does not answer at all (hung, frozen): since when it has been silent. */
  silentSince?: number;
}

/** A node as the dashboard presents it (DESIGN §6 `/api/state`). */
export interface NodeSummary {
  id: string;
  ip: string;
  port: number;
  role: NodeRole;
  masterId: string | null;
  flags: string[];
  slots: SlotRange[];
  configEpoch: number;
  /** The pod that owns this node id now, or null for a ghost (an id no live pod owns). */
  pod: string | null;
}

export interface Topology {
  nodes: NodeSummary[];
  clusterState: "ok" | "fail" | "unknown";
  /** Per-pod raw views, kept separately because their disagreement is the lesson. */
  views: NodeView[];
}

/**
 * Lab B: a cluster-aware client and a fresh `redis-cli -c` per read. Lab A: a read on the master pod, on each
 * replica pod, and through the replicas Service (`redis-cli -h ds-redis-replicas`).
 */
export type ProbeLane = "cluster" | "fresh" | "master" | "replica-0" | "replica-1" | "replicas-svc";

/** Lab A: one pod's `INFO replication` / `INFO persistence` / DBSIZE, as the replication panel shows it. */
export interface ReplicationNode {
  pod: string;
  ip: string | null;
  /** False while the pod has no IP or did not answer its latest read. */
  reachable: boolean;
  role: NodeRole | null;
  /** `master_link_status` of a replica; null on a master. */
  linkStatus: "up" | "down" | null;
  /** The replica's `master_host`, and the pod it names. */
  masterHost: string | null;
  masterPod: string | null;
  /** `slave_repl_offset` on a replica, `master_repl_offset` on a master. */
  offset: number | null;
  replId: string | null;
  connectedReplicas: number | null;
  /** `master_last_io_seconds_ago`: how long ago the replica last heard from its master. */
  lastIoSecondsAgo: number | null;
  syncInProgress: boolean;
  /** When the poller last saw this replica take a full copy (ms since epoch), or null. */
  lastFullSyncAt: number | null;
  /** DBSIZE of db 0. */
  keys: number | null;
  aofEnabled: boolean | null;
  loading: boolean;
}

export interface ReplicationState {
  nodes: ReplicationNode[];
}
export type ProbeOutcome = "ok" | "nil" | "error";
export type ProbeErrorKind =
  "CLUSTERDOWN" | "MOVED" | "TRYAGAIN" | "refused" | "timeout" | "closed" | "auth" | "other";

export interface ProbeSample {
  t: number;
  key: string;
  lane: ProbeLane;
  outcome: ProbeOutcome;
  errorKind: ProbeErrorKind | null;
  /** The value read; for an error, what redis-cli printed (lib/cliReply.ts), else the client's message. */
  value: string | null;
  latencyMs: number;
  /** The node that answered a read that followed MOVED on its own (the fresh lane), as `ip:port`. */
  via?: string;
  /** The read was redirected to `via`, as redis-cli -c prints "-> Redirected to slot [n] located at …". */
  redirected?: boolean;
}

export interface LaneDowntime {
  key: string;
  lane: ProbeLane;
  /** ms of unavailability, at probe-interval resolution. */
  downtimeMs: number;
  failedReads: number;
  totalReads: number;
  firstFailureAt: number | null;
  recoveredAt: number | null;
  /** What redis-cli printed for the failed reads, each distinct reply once in the order seen (a few at most). */
  replies?: string[];
}

export interface RunSummary {
  id: string;
  pod: string;
  nodeId: string | null;
  /** Role of the deleted pod when it was deleted. */
  role: NodeRole | null;
  mode: DeleteMode;
  actor: string;
  startedAt: number;
  endedAt: number | null;
  status: "running" | "recovered" | "timed-out";
  /** ms after startedAt; null until it happens. */
  failAfterMs: number | null;
  promotedAfterMs: number | null;
  clusterOkAfterMs: number | null;
  /**
   * True while the cluster has not left cluster_state:ok since the delete (with
   * cluster-require-full-coverage no, a lost master leaves the others serving): then there is no "ok after".
   */
  clusterStayedOk?: boolean;
  podReadyAfterMs: number | null;
  promotedNodeId: string | null;
  /**
   * What the delete led to: a replica took over the slots (`failover`), or the deleted node came back with
   * its own id before any promotion (`returned`: nodes.conf and data kept, nothing failed over). null while
   * neither has happened.
   */
  outcome: "failover" | "returned" | null;
  /** ms after startedAt when the recreated pod's Redis first answered with its own view; null until then. */
  returnedAfterMs: number | null;
  /** The id that Redis reported as `myself` then: the old id (nodes.conf kept) or a new, empty node's. */
  returnedNodeId: string | null;
  keys: string[];
  lanes: LaneDowntime[];
  /** Lab A only: what the delete of its master did to the data. */
  replication?: ReplicationRunFacts;
}

/** From the `keys-lost` facts of lab A's observer: where the probed keys were gone, and how long the master was away. */
export interface ReplicationRunFacts {
  lost: { pod: string; keys: string[]; dbsizeBefore: number | null; dbsizeAfter: number | null }[];
  /** Until the deleted pod was ready again (for the master: the Service had no endpoint this long). */
  masterAwayMs: number | null;
  /** Until every replica's link to the master was up again. */
  replicasLinkedAfterMs: number | null;
  fullResyncs: number;
  /** Replica-lane reads that answered a value while the master was away (stale, and correct with persistence). */
  staleReads: number;
}

export type DeleteMode = "graceful" | "crash";

export type Role = "instructor" | "student";
