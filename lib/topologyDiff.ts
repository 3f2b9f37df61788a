// Turns two consecutive topologies into the events a person watching the failover would call out.
import { formatSlots } from "./slots";
import type { EventKind, LabEvent, NodeSummary, Topology } from "./types";

export type NewEvent = Omit<LabEvent, "id">;

export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** `Node 3878969c (ds-redis-redis-cluster-0, 10.42.2.76)` */
function nodeLabel(n: NodeSummary): string {
  const where = [n.pod, n.ip].filter((s) => s).join(", ");
  return where ? `Node ${shortId(n.id)} (${where})` : `Node ${shortId(n.id)}`;
}

/** `ds-redis-redis-cluster-3 (d25d71a3)`, the way the seed names a node after its pod. */
function podLabel(n: NodeSummary): string {
  return n.pod ? `${n.pod} (${shortId(n.id)})` : `Node ${shortId(n.id)}`;
}

function roleEvents(p: NodeSummary, n: NodeSummary): [EventKind, string][] {
  if (p.role === "replica" && n.role === "master" && n.slots.length > 0) {
    return [["replica-promoted", `${podLabel(n)} promoted to master, serving ${formatSlots(n.slots)}`]];
  }
  if (p.role !== n.role) {
    const now =
      n.role === "master"
        ? `is now a master${n.slots.length ? `, serving ${formatSlots(n.slots)}` : " with no slots"}`
        : `is now a replica of ${n.masterId ? shortId(n.masterId) : "an unknown master"}`;
    return [["role-changed", `${podLabel(n)} ${now} (was ${p.role})`]];
  }
  if (n.role === "replica" && p.masterId !== n.masterId && n.masterId) {
    const was = p.masterId ? ` (was ${shortId(p.masterId)})` : "";
    return [["role-changed", `${podLabel(n)} now replicates ${shortId(n.masterId)}${was}`]];
  }
  return [];
}

function healthEvents(p: NodeSummary, n: NodeSummary): [EventKind, string][] {
  const had = (f: string) => p.flags.includes(f);
  const has = (f: string) => n.flags.includes(f);
  // PFAIL turning into FAIL is one story (the quorum agreed), not a recovery plus a failure.
  if (has("fail") && !had("fail")) return [["node-fail", `${nodeLabel(n)} is marked as failed (FAIL)`]];
  if (has("pfail") && !had("pfail") && !had("fail")) {
    return [["node-pfail", `${nodeLabel(n)} is suspected failing (PFAIL)`]];
  }
  if ((had("fail") || had("pfail")) && !has("fail") && !has("pfail")) {
    return [
      ["node-recovered", `${nodeLabel(n)} is reachable again (no longer ${had("fail") ? "FAIL" : "PFAIL"})`],
    ];
  }
  return [];
}

function addedMessage(n: NodeSummary): string {
  const role = n.role === "master" ? "master" : `replica of ${n.masterId ? shortId(n.masterId) : "?"}`;
  return `${nodeLabel(n)} appeared as ${role}`;
}

function hasAnswers(t: Topology): boolean {
  return t.views.some((v) => v.reachable);
}

export function diffTopology(prev: Topology | null, next: Topology, t: number): NewEvent[] {
  if (!prev) return [];
  const out: NewEvent[] = [];
  const emit = (kind: EventKind, message: string, n: NodeSummary) =>
    out.push({ t, kind, message, pod: n.pod, nodeId: n.id, actor: null, source: "observer" });

  // A handshake or address-less entry is no node (see isTransient): it neither appears nor is forgotten.
  const real = (n: NodeSummary) => !n.flags.includes("handshake") && !n.flags.includes("noaddr");
  const before = new Map(prev.nodes.filter(real).map((n) => [n.id, n]));
  const after = new Set(next.nodes.filter(real).map((n) => n.id));
  // With no pod answering, every id would look forgotten; that is an observer outage, not a cluster change.
  const membershipKnown = hasAnswers(prev) && hasAnswers(next);

  for (const n of next.nodes.filter(real)) {
    const p = before.get(n.id);
    if (!p) {
      if (membershipKnown) emit("node-added", addedMessage(n), n);
      continue;
    }
    for (const [kind, message] of [...healthEvents(p, n), ...roleEvents(p, n)]) emit(kind, message, n);
  }
  if (membershipKnown) {
    for (const p of before.values()) {
      if (!after.has(p.id)) emit("node-forgotten", `${nodeLabel(p)} is no longer known to any node`, p);
    }
  }

  const states = new Set([prev.clusterState, next.clusterState]);
  if (states.has("ok") && states.has("fail")) {
    out.push({
      t,
      kind: "cluster-state",
      message: `cluster_state: ${next.clusterState}`,
      pod: null,
      nodeId: null,
      actor: null,
      source: "observer",
    });
  }
  return out;
}
