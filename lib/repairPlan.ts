// The repair planner of lab B: turns every pod's own CLUSTER NODES view into the seed's manual repair
// (FORGET the ghost everywhere within 60 s, MEET the restarted pod, REPLICATE it to the master that lost its
// replica), with the guards of DESIGN §5. Pure: the executor runs the steps and re-plans to verify.
import type { ClusterNodeEntry, NodeRole, NodeView, PodState } from "./types";

export type RepairStep =
  | { kind: "forget"; nodeId: string; onPods: string[]; reason: string; commands: string[] }
  | {
      kind: "meet";
      pod: string;
      ip: string;
      port: number;
      viaPod: string;
      reason: string;
      commands: string[];
    }
  | {
      kind: "replicate";
      pod: string;
      nodeId: string;
      masterId: string;
      masterPod: string | null;
      reason: string;
      commands: string[];
    };

export interface RepairRefusal {
  reason: string;
  nodeId?: string;
  pod?: string;
}

export interface RepairPlan {
  healthy: boolean;
  summary: string;
  steps: RepairStep[];
  refused: RepairRefusal[];
  alternative: { reason: string; commands: string[] } | null;
  /** Changes whenever an input the plan depends on changes: the executor re-plans and compares before running. */
  fingerprint: string;
}

export interface RepairInput {
  pods: PodState[];
  views: NodeView[];
  now: number;
  /** `DBSIZE` per pod name, where known: a node holding keys is never made a replica (it would drop them). */
  keyCounts?: Record<string, number>;
}

/** How long CLUSTER FORGET bans an id; after it, any node that still knows the id gossips it back. */
export const FORGET_BAN_MS = 60_000;
/** A view older than this is not trusted: the pod may have changed since. */
export const STALE_VIEW_MS = 30_000;
export const REDIS_PORT = 6379;
const SLOTS = 16384;
// The executor substitutes the real password; plans are shown to browsers, which must never see it.
const AUTH = "-a $REDIS_PASSWORD";

/** A pod whose view can be trusted, with its own entry. */
interface Member {
  pod: PodState & { ip: string };
  view: NodeView;
  id: string;
  self: ClusterNodeEntry;
}

const short = (id: string) => id.slice(0, 8);
const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function isRunning(p: PodState): p is PodState & { ip: string } {
  return p.phase === "Running" && p.ip !== null;
}

function others(v: NodeView): ClusterNodeEntry[] {
  // Handshake entries carry throwaway ids that Redis drops by itself; they are nobody's identity.
  return v.entries.filter((e) => e.id !== v.myId && !e.flags.includes("handshake"));
}

function knows(v: NodeView, id: string): ClusterNodeEntry | undefined {
  return v.entries.find((e) => e.id === id && !e.flags.includes("handshake"));
}

function slotBitmap(
  ranges: readonly (readonly [number, number])[],
  into = new Uint8Array(SLOTS),
): Uint8Array {
  for (const [a, b] of ranges) for (let s = Math.max(0, a); s <= Math.min(SLOTS - 1, b); s++) into[s] = 1;
  return into;
}

function bitmapRanges(bits: Uint8Array): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  for (let s = 0; s <= SLOTS; s++) {
    const on = s < SLOTS && bits[s] === 1;
    if (on && start < 0) start = s;
    if (!on && start >= 0) {
      out.push([start, s - 1]);
      start = -1;
    }
  }
  return out;
}

function formatSlots(ranges: readonly (readonly [number, number])[]): string {
  return ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(", ");
}

function describeFlags(e: ClusterNodeEntry): string {
  const flags = e.flags.filter((f) => f !== "myself").map((f) => (f === "pfail" ? "fail?" : f));
  return [e.role === "replica" ? "slave" : "master", ...flags].join(",");
}

interface Consensus {
  role: NodeRole;
  masterId: string | null;
  /** Slots a majority of the views that know the id attribute to it. */
  slots: [number, number][];
  knowers: Member[];
  failVotes: number;
  pfailVotes: number;
  /** Address at which the views last saw it. */
  addr: string;
  hostname: string | null;
  sample: ClusterNodeEntry;
}

function consensusOf(id: string, views: Member[]): Consensus | null {
  const knowers = views.filter((m) => knows(m.view, id));
  if (knowers.length === 0) return null;
  const entries = knowers.map((m) => knows(m.view, id)!);
  const votes = new Map<string, number>();
  for (const e of entries) {
    const key = `${e.role} ${e.masterId ?? "-"}`;
    votes.set(key, (votes.get(key) ?? 0) + 1);
  }
  // Ties go to the first in pod-name order, which keeps the result deterministic.
  let best = "";
  let bestN = 0;
  for (const [k, n] of votes) if (n > bestN) [best, bestN] = [k, n];
  const [role, master] = best.split(" ");
  const counts = new Uint8Array(SLOTS);
  // Most entries (replicas, ghosts after a failover) hold no slots: skip the bitmap work for them.
  for (const e of entries.filter((x) => x.slots.length > 0)) {
    const bits = slotBitmap(e.slots);
    for (let s = 0; s < SLOTS; s++) counts[s] += bits[s];
  }
  const held = new Uint8Array(SLOTS);
  for (let s = 0; s < SLOTS; s++) held[s] = counts[s] * 2 > entries.length ? 1 : 0;
  const sample = entries[0];
  return {
    role: role as NodeRole,
    masterId: master === "-" ? null : master,
    slots: bitmapRanges(held),
    knowers,
    failVotes: entries.filter((e) => e.flags.includes("fail")).length,
    pfailVotes: entries.filter((e) => e.flags.includes("pfail")).length,
    addr: `${sample.ip}:${sample.port}`,
    hostname: sample.hostname,
    sample,
  };
}

function cliOn(ip: string, args: string): string {
  return `redis-cli -h ${ip} ${AUTH} ${args}`;
}

export function planRepair(input: RepairInput): RepairPlan {
  const pods = [...input.pods].sort(byName);
  const keyCounts = input.keyCounts ?? {};
  const refused: RepairRefusal[] = [];
  const problems: string[] = [];

  // 1. Whose word counts: Running pods with a fresh, reachable view taken at their current IP.
  const usable: Member[] = [];
  const unreachable: { pod: PodState & { ip: string }; why: string }[] = [];
  const owners = new Map<string, Member>();
  for (const pod of pods) {
    if (!isRunning(pod)) {
      const why =
        pod.phase === "Pending"
          ? "is Pending (no IP yet)"
          : pod.phase === "Terminating"
            ? "is Terminating"
            : "has no IP yet";
      refused.push({
        pod: pod.name,
        reason: `${pod.name} ${why}: it cannot be met or made a replica until it runs. Plan again when it is Running.`,
      });
      problems.push(`${pod.name} ${why}`);
      continue;
    }
    const view = input.views.find((v) => v.pod === pod.name);
    const self = view?.myId ? view.entries.find((e) => e.id === view.myId) : undefined;
    let why: string | null = null;
    if (!view) why = "has not been read yet";
    else if (!view.reachable || !view.myId) why = `is not reachable${view.error ? ` (${view.error})` : ""}`;
    else if (view.ip !== pod.ip) why = `was last read at its old IP ${view.ip}, not ${pod.ip}`;
    else if (input.now - view.at > STALE_VIEW_MS)
      why = `was last read ${Math.round((input.now - view.at) / 1000)} s ago`;
    else if (!self) why = "does not list itself in CLUSTER NODES";
    else if (owners.has(view.myId))
      why = `reports the same id ${short(view.myId)} as ${owners.get(view.myId)!.pod.name}`;
    if (why !== null || !view || !self) {
      unreachable.push({ pod, why: why ?? "is unusable" });
      refused.push({
        pod: pod.name,
        reason: `${pod.name} ${why}: its node id is unknown, so nothing is planned for it. Plan again once it answers.`,
      });
      problems.push(`${pod.name} ${why}`);
      continue;
    }
    const m: Member = { pod, view, id: view.myId!, self };
    usable.push(m);
    owners.set(m.id, m);
  }

  // 2. Who is in the cluster: a pod that knows others and that most of the other connected pods know.
  // Pods that know only themselves are left out of the vote, so several restarted pods cannot outvote it.
  const connected = usable.filter((m) => others(m.view).length > 0);
  const knownBy = (m: Member) => connected.filter((c) => c !== m && knows(c.view, m.id)).length;
  const inCluster = (m: Member) => {
    if (others(m.view).length === 0) return false;
    const peers = connected.length - 1;
    return peers === 0 || knownBy(m) * 2 > peers;
  };
  const members = usable.filter(inCluster);
  const orphans = usable.filter((m) => !inCluster(m));

  // Slots the live members actually serve, by their own account.
  const served = new Uint8Array(SLOTS);
  for (const m of members) if (m.self.role === "master") slotBitmap(m.self.slots, served);

  // 3. Ghosts: ids some view lists that no trusted live pod reports as itself.
  const listed = new Set<string>();
  for (const m of usable) for (const e of others(m.view)) listed.add(e.id);
  const forgets: Extract<RepairStep, { kind: "forget" }>[] = [];
  const ghostsAlive = new Map<string, Consensus>();
  let failoverPending: string | null = null;
  for (const id of [...listed].sort(cmp)) {
    const c = consensusOf(id, usable)!;
    const owner = owners.get(id);
    if (owner) {
      const peers = c.knowers.filter((k) => k !== owner);
      const failed = peers.filter((k) => knows(k.view, id)!.flags.includes("fail")).length;
      if (peers.length > 0 && failed * 2 > peers.length) {
        refused.push({
          nodeId: id,
          pod: owner.pod.name,
          reason:
            `Not forgetting ${short(id)}: ${owner.pod.name} (${owner.pod.ip}) owns it — it came back with its ` +
            `nodes.conf — although ${failed} of ${peers.length} nodes still flag it fail at ${c.addr}. ` +
            `Gossip will update its address and clear the FAIL flag; forgetting it would cut a live node out.`,
        });
        problems.push(`${owner.pod.name} (${short(id)}) is still flagged fail by the others`);
      }
      continue;
    }
    const onPods = c.knowers.map((k) => k.pod.name);
    const label = `${short(id)} (${describeFlags(c.sample)}, last seen at ${c.addr}${c.hostname ? `, ${c.hostname}` : ""})`;
    const failedByMajority = c.failVotes * 2 > c.knowers.length;
    const ghostSlots = slotBitmap(c.slots);
    const uncovered = new Uint8Array(SLOTS);
    for (let s = 0; s < SLOTS; s++) uncovered[s] = ghostSlots[s] && !served[s] ? 1 : 0;
    const uncoveredRanges = bitmapRanges(uncovered);
    const samePlace = unreachable.find((u) => u.pod.ip === c.sample.ip);
    const objections: string[] = [];
    if (!failedByMajority) {
      objections.push(
        `it is not failed by majority: ${c.failVotes} of ${c.knowers.length} nodes that know it flag it fail` +
          (c.pfailVotes > 0 ? ` (${c.pfailVotes} only suspect it: fail?)` : "") +
          ", so it may be alive or a failover may still be under way",
      );
    }
    if (uncoveredRanges.length > 0) {
      objections.push(
        `it still holds slots ${formatSlots(uncoveredRanges)} that no live master serves: forgetting it would ` +
          "uncover them",
      );
    }
    if (samePlace) {
      objections.push(
        `${samePlace.pod.name} runs at ${samePlace.pod.ip} but ${samePlace.why}; it may still be this node`,
      );
    }
    if (objections.length > 0) {
      refused.push({ nodeId: id, reason: `Not forgetting ${label}: ${objections.join("; ")}.` });
      problems.push(`${short(id)} is not owned by any live pod`);
      if (!failedByMajority) {
        ghostsAlive.set(id, c);
        if (c.slots.length > 0 && failoverPending === null) failoverPending = id;
      }
      continue;
    }
    problems.push(
      `${short(id)} is a ghost (${describeFlags(c.sample)}) listed by ${plural(onPods.length, "pod")}`,
    );
    forgets.push({
      kind: "forget",
      nodeId: id,
      onPods,
      reason:
        `${label} is owned by no live pod and ${c.failVotes} of ${c.knowers.length} nodes that know it flag it ` +
        `fail: it is a ghost of a deleted pod. Run CLUSTER FORGET on all ${plural(onPods.length, "node")} that ` +
        `still list it, in parallel: each FORGET bans the id on that node for only ${FORGET_BAN_MS / 1000} s, ` +
        "and any node that still knows it gossips it back after the ban.",
      commands: c.knowers.map((k) => cliOn(k.pod.ip, `cluster forget ${id}`)),
    });
  }

  // 4. MEET the pods the cluster does not know, through a member that is ready and sees cluster_state:ok.
  const via = [...members].sort(
    (a, b) =>
      Number(b.pod.ready && b.view.clusterState === "ok") -
        Number(a.pod.ready && a.view.clusterState === "ok") || byName(a.pod, b.pod),
  )[0];
  const meets: Extract<RepairStep, { kind: "meet" }>[] = [];
  const joining: Member[] = [];
  for (const o of orphans) {
    const alone = others(o.view).length === 0;
    const how = alone
      ? `${o.pod.name} restarted without nodes.conf as ${short(o.id)}: it knows only itself, so its readiness ` +
        `probe sees cluster_state:${o.view.clusterState ?? "fail"}`
      : `${o.pod.name} (${short(o.id)}) is known by only ${knownBy(o)} of the other ${Math.max(0, connected.length - 1)} ` +
        "connected nodes";
    problems.push(alone ? `${o.pod.name} knows only itself` : `${o.pod.name} is not known by the cluster`);
    if (o.self.slots.length > 0) {
      refused.push({
        pod: o.pod.name,
        nodeId: o.id,
        reason:
          `Not meeting ${o.pod.name}: ${how}, yet it claims slots ${formatSlots(o.self.slots)}. Meeting it would ` +
          "let its own slot map compete with the cluster's. Empty it first (CLUSTER RESET if its data is expendable).",
      });
      refused.push({
        pod: o.pod.name,
        nodeId: o.id,
        reason: `Not making ${o.pod.name} a replica: it serves slots ${formatSlots(o.self.slots)}; REPLICATE only turns empty masters into replicas.`,
      });
      continue;
    }
    if (!via) {
      refused.push({
        pod: o.pod.name,
        nodeId: o.id,
        reason:
          `Not meeting ${o.pod.name}: ${how}, and no pod is in a cluster to introduce it. ` +
          "If the cluster was never created, create it first (redis-cli --cluster create).",
      });
      continue;
    }
    meets.push({
      kind: "meet",
      pod: o.pod.name,
      ip: o.pod.ip,
      port: o.self.port || REDIS_PORT,
      viaPod: via.pod.name,
      reason:
        `${how}. CLUSTER MEET on ${via.pod.name} introduces it at its new IP ${o.pod.ip}; gossip tells every ` +
        "other node within seconds. It joins as an empty master with no slots.",
      commands: [cliOn(via.pod.ip, `cluster meet ${o.pod.ip} ${o.self.port || REDIS_PORT}`)],
    });
    joining.push(o);
  }

  // 5. REPLICATE: each empty node follows the master with the fewest replicas (first: those with none).
  interface MasterSlot {
    id: string;
    pod: string | null;
    slots: [number, number][];
    replicas: number;
  }
  const masters = new Map<string, MasterSlot>();
  for (const m of members) {
    if (m.self.role === "master" && m.self.slots.length > 0)
      masters.set(m.id, {
        id: m.id,
        pod: m.pod.name,
        slots: m.self.slots.map(([a, b]) => [a, b]),
        replicas: 0,
      });
  }
  // Nodes the views agree are alive but whose pod could not be read still count, as masters and as replicas.
  for (const [id, c] of ghostsAlive) {
    if (c.role === "master" && c.slots.length > 0)
      masters.set(id, { id, pod: null, slots: c.slots, replicas: 0 });
  }
  for (const m of members) {
    if (m.self.role === "replica" && m.self.masterId && masters.has(m.self.masterId))
      masters.get(m.self.masterId)!.replicas++;
  }
  for (const [, c] of ghostsAlive) {
    if (c.role === "replica" && c.masterId && masters.has(c.masterId)) masters.get(c.masterId)!.replicas++;
  }
  const orphanReplicaless = [...masters.values()].filter((m) => m.replicas === 0);
  for (const m of orphanReplicaless.sort((a, b) => a.slots[0][0] - b.slots[0][0])) {
    problems.push(
      `${short(m.id)}${m.pod ? ` (${m.pod})` : ""} serves ${formatSlots(m.slots)} with no replica`,
    );
  }

  const emptyMembers = members.filter((m) => m.self.role === "master" && m.self.slots.length === 0);
  for (const m of emptyMembers) problems.push(`${m.pod.name} (${short(m.id)}) is a master with no slots`);
  const candidates = [...joining, ...emptyMembers].sort((a, b) => byName(a.pod, b.pod));
  const replicates: Extract<RepairStep, { kind: "replicate" }>[] = [];
  const addNodes: string[] = [];
  for (const cand of candidates) {
    const keys = keyCounts[cand.pod.name];
    if (keys !== undefined && keys > 0) {
      refused.push({
        pod: cand.pod.name,
        nodeId: cand.id,
        reason:
          `Not making ${cand.pod.name} a replica: DBSIZE says it holds ${plural(keys, "key")}, and a replica ` +
          "drops its own data to copy its master's. Check them, FLUSHALL if they are expendable, and plan again.",
      });
      continue;
    }
    if (failoverPending !== null) {
      refused.push({
        pod: cand.pod.name,
        nodeId: cand.id,
        reason:
          `Not choosing a master for ${cand.pod.name} yet: ${short(failoverPending)} still holds slots and is not ` +
          "failed by majority, so a failover may be under way. Wait for it to finish (about 1.5 × cluster-node-timeout) and plan again.",
      });
      continue;
    }
    const target = [...masters.values()].sort(
      (a, b) => a.replicas - b.replicas || a.slots[0][0] - b.slots[0][0] || cmp(a.id, b.id),
    )[0];
    if (!target) {
      refused.push({
        pod: cand.pod.name,
        nodeId: cand.id,
        reason: `Not making ${cand.pod.name} a replica: no live master serves slots.`,
      });
      continue;
    }
    const hadNone = target.replicas === 0;
    target.replicas++;
    const master = `${short(target.id)}${target.pod ? ` (${target.pod})` : ""}`;
    const isNew = joining.includes(cand);
    replicates.push({
      kind: "replicate",
      pod: cand.pod.name,
      nodeId: cand.id,
      masterId: target.id,
      masterPod: target.pod,
      reason:
        `${cand.pod.name} (${short(cand.id)}) ${isNew ? "will be" : "is"} an empty master; ${master} serves ` +
        `${formatSlots(target.slots)} ${hadNone ? "with no replica (its replica took over or was lost)" : `with the fewest replicas (${target.replicas - 1})`}. ` +
        `CLUSTER REPLICATE, run on ${cand.pod.name}${isNew ? " once it knows the master through gossip after the MEET" : ""}, ` +
        "makes it a replica: it syncs the master's data, sees cluster_state:ok, and its pod turns ready.",
      commands: [cliOn(cand.pod.ip, `cluster replicate ${target.id}`)],
    });
    if (isNew && via) {
      addNodes.push(
        `redis-cli ${AUTH} --cluster add-node ${cand.pod.ip}:${cand.self.port || REDIS_PORT} ${via.pod.ip}:${via.self.port || REDIS_PORT} ` +
          `--cluster-slave --cluster-master-id ${target.id}`,
      );
    }
  }

  const steps: RepairStep[] = [...forgets, ...meets, ...replicates];
  const alternative =
    addNodes.length > 0
      ? {
          reason:
            "Instead of MEET + REPLICATE, `redis-cli --cluster add-node … --cluster-slave` meets the node and makes it " +
            "a replica in one command. It only accepts a node that is empty (no keys, no slots) and NOT already met, " +
            `so use it instead of the MEET above, never after it. The FORGETs still come first, all within ${FORGET_BAN_MS / 1000} s.`,
          commands: [...forgets.flatMap((f) => f.commands), ...addNodes],
        }
      : null;

  const healthy = steps.length === 0 && refused.length === 0 && problems.length === 0;
  return {
    healthy,
    summary: healthy
      ? healthySummary(masters.size)
      : repairSummary(problems, forgets, meets, replicates, refused),
    steps,
    refused,
    alternative,
    fingerprint: planFingerprint(input),
  };
}

function healthySummary(masters: number): string {
  return `The cluster is healthy: ${plural(masters, "master")}, each with a replica; nothing to repair.`;
}

function repairSummary(
  problems: string[],
  forgets: Extract<RepairStep, { kind: "forget" }>[],
  meets: Extract<RepairStep, { kind: "meet" }>[],
  replicates: Extract<RepairStep, { kind: "replicate" }>[],
  refused: RepairRefusal[],
): string {
  const found = `Found: ${problems.join("; ")}.`;
  const todo = [
    ...forgets.map(
      (f) =>
        `forget ${short(f.nodeId)} on ${plural(f.onPods.length, "node")} (within ${FORGET_BAN_MS / 1000} s)`,
    ),
    ...meets.map((m) => `meet ${m.pod} at ${m.ip} via ${m.viaPod}`),
    ...replicates.map(
      (r) => `make ${r.pod} a replica of ${short(r.masterId)}${r.masterPod ? ` (${r.masterPod})` : ""}`,
    ),
  ];
  const plan = todo.length > 0 ? ` Plan: ${todo.join(", then ")}.` : " Nothing can be done safely right now.";
  const ref = refused.length > 0 ? ` ${plural(refused.length, "action")} refused (see why).` : "";
  return found + plan + ref;
}

/**
 * A short, deterministic digest of what the plan depends on: pods (name, phase, IP, readiness), each
 * view's identity and freshness, every entry's id, address, role, master, flags and slots, and key counts.
 * Ping/pong times and epochs are left out: they change every second without changing the repair.
 */
export function planFingerprint(input: RepairInput): string {
  const parts: string[] = [];
  for (const p of [...input.pods].sort(byName)) {
    parts.push(`P ${p.name} ${p.phase} ${p.ip ?? "-"} ${p.ready ? 1 : 0}`);
  }
  for (const v of [...input.views].sort((a, b) => cmp(a.pod, b.pod))) {
    const fresh = input.now - v.at <= STALE_VIEW_MS ? 1 : 0;
    parts.push(
      `V ${v.pod} ${v.ip} ${v.reachable ? 1 : 0} ${fresh} ${v.myId ?? "-"} ${v.clusterState ?? "-"}`,
    );
    for (const e of [...v.entries].sort((a, b) => cmp(a.id, b.id))) {
      parts.push(
        `E ${e.id} ${e.ip}:${e.port} ${e.role} ${e.masterId ?? "-"} ${[...e.flags].sort().join(",")} ${formatSlots(e.slots)}`,
      );
    }
  }
  for (const [pod, n] of Object.entries(input.keyCounts ?? {}).sort(([a], [b]) => cmp(a, b))) {
    parts.push(`K ${pod} ${n}`);
  }
  return `rp1-${hash53(parts.join("\n"))}`;
}

// cyrb53: a well-spread 53-bit string hash; collisions only cost an extra confirmation.
function hash53(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, "0");
}
