// Turns two consecutive pod lists into kubectl-like events. A deleted StatefulSet pod comes back under the
// same name with a new IP, possibly after some polls where it is absent or Pending without an IP, so the
// IP it had before is remembered separately (`lastIps`) to say "new IP Y (was X)".
import { newEvent, type NewEvent } from "./events";
import type { PodState } from "./types";
/** Last IP each pod name had, kept across the pod's absence. */
export type PodIps = Readonly<Record<string, string>>;

function sameIncarnation(p: PodState, n: PodState): boolean {
  return p.phase !== "Terminating" && p.createdAt === n.createdAt && (p.ip === null || p.ip === n.ip);
}

export function diffPods(prev: PodState[], next: PodState[], t: number, lastIps: PodIps = {}): NewEvent[] {
  // The first listing describes the lab as found, not changes to it.
  if (prev.length === 0 && Object.keys(lastIps).length === 0) return [];
  const out: NewEvent[] = [];

  const before = new Map(prev.map((p) => [p.name, p]));
  const names = new Set(next.map((n) => n.name));

  for (const n of next) {
    const p = before.get(n.name);
    if (p && p.phase !== "Terminating" && n.phase === "Terminating") {
      out.push(newEvent("pod-deleted", t, { pod: n.name, ip: n.ip, gone: false }));
      continue;
    }
    if (n.phase === "Terminating") continue;

    const same = p !== undefined && sameIncarnation(p, n);
    const oldIp = p?.ip ?? lastIps[n.name] ?? null;
    // Announce a new incarnation once it has an IP; a pod first seen ever (no old IP) was not "re"-created.
    const gotIp = n.ip !== null && (!p || p.ip === null || !same || p.ip !== n.ip);
    if (gotIp && oldIp !== null && n.ip !== null) {
      out.push(newEvent("pod-recreated", t, { pod: n.name, ip: n.ip, oldIp }));
    }

    const wasReady = same && p.ready;
    const prevReason = same ? p.readyReason : null;
    if (n.ready && !wasReady) {
      out.push(newEvent("pod-ready", t, { pod: n.name }));
    } else if (!n.ready && (wasReady || (n.readyReason !== null && n.readyReason !== prevReason))) {
      // A restarted pod that never becomes ready is the lesson, so its first reason is news too.
      out.push(newEvent("pod-not-ready", t, { pod: n.name, reason: n.readyReason }));
    }
  }

  for (const p of prev) {
    if (!names.has(p.name) && p.phase !== "Terminating") {
      out.push(newEvent("pod-deleted", t, { pod: p.name, ip: p.ip, gone: true }));
    }
  }
  return out;
}

/** `lastIps` updated with the IPs of the pods in `pods` (pods without an IP keep their old one). */
export function rememberPodIps(lastIps: PodIps, pods: PodState[]): PodIps {
  const out: Record<string, string> = { ...lastIps };
  for (const p of pods) if (p.ip) out[p.name] = p.ip;
  return out;
}

/** Keeps the previous list and remembered IPs between polls; `update` is the only thing a poller needs. */
export function createPodDiffer(): { update(next: PodState[], t: number): NewEvent[] } {
  let prev: PodState[] = [];
  let lastIps: PodIps = {};
  return {
    update(next, t) {
      const events = diffPods(prev, next, t, lastIps);
      lastIps = rememberPodIps(lastIps, next);
      prev = next;
      return events;
    },
  };
}
