// Turns two consecutive topologies into the events a person watching the failover would call out: as facts
// (lib/events.ts), which the browser puts into words.
import { type EventParams, newEvent, type NewEvent, type NodeRef } from "./events";
import { formatSlots } from "./slots";
import type { NodeSummary, Topology } from "./types";

export function shortId(id: string): string {
  return id.slice(0, 8);
}

function ref(n: NodeSummary): NodeRef {
  return { nodeId: n.id, pod: n.pod, ip: n.ip };
}

function roleEvents(p: NodeSummary, n: NodeSummary, t: number): NewEvent[] {
  if (p.role === "replica" && n.role === "master" && n.slots.length > 0) {
    return [newEvent("replica-promoted", t, { ...ref(n), slots: formatSlots(n.slots) })];
  }
  const changed: EventParams["role-changed"] = {
    ...ref(n),
    role: n.role,
    was: p.role,
    masterId: n.masterId,
    wasMasterId: p.masterId,
    slots: formatSlots(n.slots),
  };
  if (p.role !== n.role) return [newEvent("role-changed", t, changed)];
  if (n.role === "replica" && p.masterId !== n.masterId && n.masterId) {
    return [newEvent("role-changed", t, changed)];
  }
  return [];
}

function healthEvents(p: NodeSummary, n: NodeSummary, t: number): NewEvent[] {
  const had = (f: string) => p.flags.includes(f);
  const has = (f: string) => n.flags.includes(f);
  // PFAIL turning into FAIL is one story (the quorum agreed), not a recovery plus a failure.
  if (has("fail") && !had("fail")) return [newEvent("node-fail", t, ref(n))];
  if (has("pfail") && !had("pfail") && !had("fail")) return [newEvent("node-pfail", t, ref(n))];
  if ((had("fail") || had("pfail")) && !has("fail") && !has("pfail")) {
    return [newEvent("node-recovered", t, { ...ref(n), was: had("fail") ? "FAIL" : "PFAIL" })];
  }
  return [];
}

function hasAnswers(t: Topology): boolean {
  return t.views.some((v) => v.reachable);
}

export function diffTopology(prev: Topology | null, next: Topology, t: number): NewEvent[] {
  if (!prev) return [];
  const out: NewEvent[] = [];
  // A handshake or address-less entry is no node (see lib/topology.ts): it neither appears nor is forgotten.
  const real = (n: NodeSummary) => !n.flags.includes("handshake") && !n.flags.includes("noaddr");
  const before = new Map(prev.nodes.filter(real).map((n) => [n.id, n]));
  const after = new Set(next.nodes.filter(real).map((n) => n.id));
  // With no pod answering, every id would look forgotten; that is an observer outage, not a cluster change.
  const membershipKnown = hasAnswers(prev) && hasAnswers(next);

  for (const n of next.nodes.filter(real)) {
    const p = before.get(n.id);
    if (!p) {
      if (membershipKnown) {
        out.push(newEvent("node-added", t, { ...ref(n), role: n.role, masterId: n.masterId }));
      }
      continue;
    }
    out.push(...healthEvents(p, n, t), ...roleEvents(p, n, t));
  }
  if (membershipKnown) {
    for (const p of before.values()) if (!after.has(p.id)) out.push(newEvent("node-forgotten", t, ref(p)));
  }

  const states = new Set([prev.clusterState, next.clusterState]);
  if (states.has("ok") && states.has("fail") && next.clusterState !== "unknown") {
    out.push(newEvent("cluster-state", t, { state: next.clusterState }));
  }
  return out;
}
