// Lab A's events come from comparing what the poller saw of each node in two rounds. They are facts
// `{kind, params}` for the event log and run summary to render in the viewer's language — never sentences.
import type { ReplicationInfo } from "./replicationInfo";

/** What one round saw of one pod. */
export interface ReplicationNodeView {
  pod: string;
  ip: string | null;
  /** `INFO replication`, or null when the node did not answer this round. */
  replication: ReplicationInfo | null;
  /** DBSIZE (of db 0), or null when not read. */
  dbsize: number | null;
  /** Probed keys read this round: the value, or null for `(nil)`. A key not read is absent. */
  values: Record<string, string | null>;
}

/** One round, by pod name. */
export type ReplicationView = Record<string, ReplicationNodeView>;

export type ReplicationFact =
  /** The replica took a whole new copy of its master (new replication id, or its offset started over). */
  | { kind: "replica-full-resync"; params: { pod: string; masterPod: string | null; keys: number | null } }
  | { kind: "replica-link-down"; params: { pod: string; masterPod: string | null } }
  | { kind: "replica-link-up"; params: { pod: string; masterPod: string | null } }
  /** The replica now follows another address (REPLICAOF, or its master's name resolving to a new IP). */
  | {
      kind: "replica-master-changed";
      params: { pod: string; from: string | null; to: string | null; masterPod: string | null };
    }
  | { kind: "role-changed"; params: { pod: string; from: "master" | "slave"; to: "master" | "slave" } }
  /**
   * A master began a new replication history (it restarted), holding `keys` keys (0: it came back empty).
   * Reported when its replicas can attach to that history, i.e. once Redis has settled the new id.
   */
  | { kind: "master-replid-changed"; params: { pod: string; keys: number | null } }
  /** Probed keys that read `(nil)` where they had a value, and/or a dataset that went from keys to none. */
  | {
      kind: "keys-lost";
      params: { pod: string; keys: string[]; dbsizeBefore: number | null; dbsizeAfter: number | null };
    };

export type ReplicationFactKind = ReplicationFact["kind"];

/**
 * The view to diff the next round against: each pod as last seen answering. A master that is down for a few
 * rounds and comes back empty must still be compared with what it held before it went away.
 */
export function lastKnown(known: ReplicationView, next: ReplicationView): ReplicationView {
  const out: ReplicationView = {};
  for (const [pod, view] of Object.entries(next)) {
    const before = known[pod];
    if (!view.replication) {
      if (before) out[pod] = before;
      continue;
    }
    out[pod] = {
      ...view,
      dbsize: view.dbsize ?? before?.dbsize ?? null,
      values: { ...before?.values, ...view.values },
    };
  }
  return out;
}

/** Facts between two views, pod by pod in name order. Pods that did not answer in either say nothing. */
export function diffReplication(prev: ReplicationView, next: ReplicationView): ReplicationFact[] {
  const facts: ReplicationFact[] = [];
  for (const pod of Object.keys(next).sort()) {
    const a = prev[pod];
    const b = next[pod];
    if (!a?.replication || !b.replication) continue;
    const ra = a.replication;
    const rb = b.replication;
    const masterPod = rb.role === "slave" ? podForHost(rb.masterHost, next) : null;

    if (ra.role !== rb.role) {
      facts.push({ kind: "role-changed", params: { pod, from: ra.role, to: rb.role } });
    } else if (rb.role === "slave") {
      if (ra.masterHost !== rb.masterHost) {
        facts.push({
          kind: "replica-master-changed",
          params: { pod, from: ra.masterHost, to: rb.masterHost, masterPod },
        });
      }
      if (ra.linkStatus === "up" && rb.linkStatus !== "up") {
        facts.push({ kind: "replica-link-down", params: { pod, masterPod } });
      }
      if (ra.linkStatus !== "up" && rb.linkStatus === "up") {
        facts.push({ kind: "replica-link-up", params: { pod, masterPod } });
      }
      if (fullResync(ra, rb)) {
        facts.push({ kind: "replica-full-resync", params: { pod, masterPod, keys: b.dbsize } });
      }
    } else if (
      rb.backlogActive &&
      ra.replid &&
      rb.replid &&
      ra.replid !== rb.replid &&
      rb.replid2 !== ra.replid
    ) {
      // Said once, when the new id settles: a restarted master first shows a provisional id that it
      // replaces when its first replica attaches.
      facts.push({ kind: "master-replid-changed", params: { pod, keys: b.dbsize } });
    }

    const lost = Object.keys(b.values)
      .filter((k) => b.values[k] === null && a.values[k] !== undefined && a.values[k] !== null)
      .sort();
    const emptied = a.dbsize !== null && a.dbsize > 0 && b.dbsize === 0;
    if (lost.length > 0 || emptied) {
      facts.push({
        kind: "keys-lost",
        params: { pod, keys: lost, dbsizeBefore: a.dbsize, dbsizeAfter: b.dbsize },
      });
    }
  }
  return facts;
}

/**
 * A replica's new copy is whole, not continued, when its replication id changed to one that does not carry
 * the old one as its history (replid2, what a partial resync after a master change keeps), or when it is
 * at the same id but its offset went back (only a fresh copy starts over).
 */
function fullResync(a: ReplicationInfo, b: ReplicationInfo): boolean {
  // The id changes once, when the copy is loaded, whatever the link shows in that round.
  if (a.replid && b.replid && a.replid !== b.replid) return b.replid2 !== a.replid;
  if (b.linkStatus !== "up") return false;
  return a.slaveReplOffset !== null && b.slaveReplOffset !== null && b.slaveReplOffset < a.slaveReplOffset;
}

/**
 * The pod a replica's `master_host` points at: locally a pod IP, on Kubernetes the master's stable name
 * (`ds-redis-master-0.ds-redis-headless.…`), whose first label is the pod name.
 */
export function podForHost(host: string | null, view: ReplicationView): string | null {
  if (!host) return null;
  const label = host.split(".")[0];
  for (const node of Object.values(view)) {
    if (node.ip === host || node.pod === label) return node.pod;
  }
  return null;
}
