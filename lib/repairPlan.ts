// The repair planner of lab B: turns every pod's own CLUSTER NODES view into the seed's manual repair
// (FORGET the ghost everywhere within 60 s, MEET the restarted pod, REPLICATE it to the master that lost its
// replica), with the guards of DESIGN §5. Pure: the executor runs the steps and re-plans to verify.
import { note, type PlanNote, yesNo } from "./planNotes";
import type { ClusterNodeEntry, NodeRole, NodeView, PodState } from "./types";

export type RepairStep =
  | { kind: "forget"; nodeId: string; onPods: string[]; reason: PlanNote; commands: string[] }
  | {
      kind: "meet";
      pod: string;
      ip: string;
      port: number;
      viaPod: string;
      reason: PlanNote;
      commands: string[];
    }
  | {
      kind: "replicate";
      pod: string;
      nodeId: string;
      masterId: string;
      masterPod: string | null;
      reason: PlanNote;
      commands: string[];
    }
  /** The replica of a lost master that will not run an election by itself (its data is too old for it). */
  | {
      kind: "takeover";
      pod: string;
      nodeId: string;
      masterId: string;
      slots: [number, number][];
      reason: PlanNote;
      commands: string[];
    }
  /** Slots whose master and replica are both gone and came back empty: an empty master serves them again. */
  | {
      kind: "addslots";
      pod: string;
      nodeId: string;
      slots: [number, number][];
      reason: PlanNote;
      commands: string[];
    };

export type RepairStepKind = RepairStep["kind"];

export interface RepairRefusal {
  reason: PlanNote;
  nodeId?: string;
  pod?: string;
}

export interface RepairPlan {
  healthy: boolean;
  /** `summaryHealthy`, or `summaryRepair` with what was found and what the steps will do. */
  summary: PlanNote;
  steps: RepairStep[];
  refused: RepairRefusal[];
  alternative: { reason: PlanNote; commands: string[] } | null;
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

export function formatSlots(ranges: readonly (readonly [number, number])[]): string {
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
  const findings: PlanNote[] = [];

  // 1. Whose word counts: Running pods with a fresh, reachable view taken at their current IP.
  const usable: Member[] = [];
  const unreachable: { pod: PodState & { ip: string }; state: PlanNote }[] = [];
  const owners = new Map<string, Member>();
  for (const pod of pods) {
    if (!isRunning(pod)) {
      const state =
        pod.phase === "Pending"
          ? note("podPending", { pod: pod.name })
          : pod.phase === "Terminating"
            ? note("podTerminating", { pod: pod.name })
            : note("podNoIp", { pod: pod.name });
      refused.push({ pod: pod.name, reason: note("refuseNotRunning", { state }) });
      findings.push(state);
      continue;
    }
    const view = input.views.find((v) => v.pod === pod.name);
    const self = view?.myId ? view.entries.find((e) => e.id === view.myId) : undefined;
    let state: PlanNote | null = null;
    const p = pod.name;
    if (!view) state = note("podNotRead", { pod: p });
    else if (!view.reachable || !view.myId)
      state = note("podUnreachable", { pod: p, error: view.error ?? "none" });
    else if (view.ip !== pod.ip) state = note("podOldIp", { pod: p, oldIp: view.ip, ip: pod.ip });
    else if (input.now - view.at > STALE_VIEW_MS)
      state = note("podStale", { pod: p, seconds: Math.round((input.now - view.at) / 1000) });
    else if (!self) state = note("podNoSelf", { pod: p });
    else if (owners.has(view.myId))
      state = note("podSameId", { pod: p, nodeId: short(view.myId), other: owners.get(view.myId)!.pod.name });
    if (state !== null || !view || !self) {
      const s = state ?? note("podNoSelf", { pod: p });
      unreachable.push({ pod, state: s });
      refused.push({ pod: p, reason: note("refuseUnusable", { state: s }) });
      findings.push(s);
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
  /** Failed masters whose slots no live master serves: a master and its replica both lost. */
  const lost: { id: string; c: Consensus; slots: [number, number][]; label: PlanNote }[] = [];
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
          reason: note("refuseForgetOwned", {
            nodeId: short(id),
            pod: owner.pod.name,
            ip: owner.pod.ip,
            failed,
            peers: peers.length,
            addr: c.addr,
          }),
        });
        findings.push(note("findingStillFlagged", { pod: owner.pod.name, nodeId: short(id) }));
      }
      continue;
    }
    const onPods = c.knowers.map((k) => k.pod.name);
    const label = note("ghostLabel", {
      nodeId: short(id),
      flags: describeFlags(c.sample),
      addr: c.addr,
      hostname: c.hostname ?? "none",
    });
    const failedByMajority = c.failVotes * 2 > c.knowers.length;
    const ghostSlots = slotBitmap(c.slots);
    const uncovered = new Uint8Array(SLOTS);
    for (let s = 0; s < SLOTS; s++) uncovered[s] = ghostSlots[s] && !served[s] ? 1 : 0;
    const uncoveredRanges = bitmapRanges(uncovered);
    const samePlace = unreachable.find((u) => u.pod.ip === c.sample.ip);
    const objections: PlanNote[] = [];
    if (!failedByMajority) {
      objections.push(
        note("notFailedByMajority", { fail: c.failVotes, knowers: c.knowers.length, pfail: c.pfailVotes }),
      );
    }
    if (samePlace) objections.push(note("mayBeThisNode", { state: samePlace.state, ip: samePlace.pod.ip }));
    // A failed master whose slots nobody serves is decided below, once it is known who could take them.
    if (objections.length === 0 && uncoveredRanges.length > 0) {
      lost.push({ id, c, slots: uncoveredRanges, label });
      continue;
    }
    if (uncoveredRanges.length > 0) {
      objections.push(note("holdsUncoveredSlots", { slots: formatSlots(uncoveredRanges) }));
    }
    if (objections.length > 0) {
      refused.push({ nodeId: id, reason: note("refuseForget", { label, objections }) });
      findings.push(note("findingNotOwned", { nodeId: short(id) }));
      if (!failedByMajority) {
        ghostsAlive.set(id, c);
        if (c.slots.length > 0 && failoverPending === null) failoverPending = id;
      }
      continue;
    }
    findings.push(
      note("findingGhost", { nodeId: short(id), flags: describeFlags(c.sample), pods: onPods.length }),
    );
    forgets.push(forgetStep(id, c, label, false));
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
      ? note("howAlone", { pod: o.pod.name, nodeId: short(o.id), state: o.view.clusterState ?? "fail" })
      : note("howUnknown", {
          pod: o.pod.name,
          nodeId: short(o.id),
          known: knownBy(o),
          peers: Math.max(0, connected.length - 1),
        });
    findings.push(
      alone ? note("findingAlone", { pod: o.pod.name }) : note("findingUnknown", { pod: o.pod.name }),
    );
    if (o.self.slots.length > 0) {
      const slots = formatSlots(o.self.slots);
      refused.push({
        pod: o.pod.name,
        nodeId: o.id,
        reason: note("refuseMeetSlots", { pod: o.pod.name, how, slots }),
      });
      refused.push({
        pod: o.pod.name,
        nodeId: o.id,
        reason: note("refuseReplicateSlots", { pod: o.pod.name, slots }),
      });
      continue;
    }
    if (!via) {
      refused.push({
        pod: o.pod.name,
        nodeId: o.id,
        reason: note("refuseMeetNoCluster", { pod: o.pod.name, how }),
      });
      continue;
    }
    meets.push({
      kind: "meet",
      pod: o.pod.name,
      ip: o.pod.ip,
      port: o.self.port || REDIS_PORT,
      viaPod: via.pod.name,
      reason: note("meetReason", { how, via: via.pod.name, ip: o.pod.ip }),
      commands: [cliOn(via.pod.ip, `cluster meet ${o.pod.ip} ${o.self.port || REDIS_PORT}`)],
    });
    joining.push(o);
  }

  // 5. Masters and their replicas, as the live members and the still-alive unreadable nodes report them.
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
  const hasKeys = (m: Member) => (keyCounts[m.pod.name] ?? 0) > 0;
  const emptyMembers = members.filter((m) => m.self.role === "master" && m.self.slots.length === 0);
  const candidates = [...joining, ...emptyMembers].sort((a, b) => byName(a.pod, b.pod));

  // 6. A lost master: its replica takes over if one is alive (it will not run an election by itself once its
  // data is older than the validity window), else an empty master is given the slots, empty. Either way the
  // FORGET of the lost id is planned only when something will serve its slots.
  const takeovers: Extract<RepairStep, { kind: "takeover" }>[] = [];
  const addSlots: Extract<RepairStep, { kind: "addslots" }>[] = [];
  const taken = new Set<Member>();
  for (const l of lost) {
    const slots = formatSlots(l.slots);
    const replica = members
      .filter((m) => m.self.role === "replica" && m.self.masterId === l.id && !taken.has(m))
      .sort((a, b) => byName(a.pod, b.pod))[0];
    findings.push(note("findingSlotsLost", { slots, nodeId: short(l.id), replica: yesNo(!!replica) }));
    if (replica) {
      taken.add(replica);
      takeovers.push({
        kind: "takeover",
        pod: replica.pod.name,
        nodeId: replica.id,
        masterId: l.id,
        slots: l.slots,
        reason: note("takeoverReason", {
          pod: replica.pod.name,
          nodeId: short(replica.id),
          masterId: short(l.id),
          slots,
        }),
        commands: [cliOn(replica.pod.ip, "cluster failover takeover")],
      });
      masters.set(replica.id, { id: replica.id, pod: replica.pod.name, slots: l.slots, replicas: 0 });
      forgets.push(forgetStep(l.id, l.c, l.label, false));
      continue;
    }
    const empty = candidates.find((m) => !taken.has(m) && !hasKeys(m));
    if (!empty || failoverPending !== null) {
      refused.push({ nodeId: l.id, reason: note("refuseSlotsLost", { slots, nodeId: short(l.id) }) });
      continue;
    }
    taken.add(empty);
    const isNew = joining.includes(empty);
    addSlots.push({
      kind: "addslots",
      pod: empty.pod.name,
      nodeId: empty.id,
      slots: l.slots,
      reason: note("addSlotsReason", {
        pod: empty.pod.name,
        nodeId: short(empty.id),
        masterId: short(l.id),
        slots,
        isNew: yesNo(isNew),
      }),
      commands: [
        cliOn(empty.pod.ip, `cluster addslotsrange ${l.slots.map(([a, b]) => `${a} ${b}`).join(" ")}`),
      ],
    });
    masters.set(empty.id, { id: empty.id, pod: empty.pod.name, slots: l.slots, replicas: 0 });
    forgets.push(forgetStep(l.id, l.c, l.label, true));
  }
  forgets.sort((a, b) => cmp(a.nodeId, b.nodeId));

  for (const m of members) {
    if (m.self.role === "replica" && m.self.masterId && masters.has(m.self.masterId) && !taken.has(m))
      masters.get(m.self.masterId)!.replicas++;
  }
  for (const [, c] of ghostsAlive) {
    if (c.role === "replica" && c.masterId && masters.has(c.masterId)) masters.get(c.masterId)!.replicas++;
  }
  const becoming = new Set([...takeovers.map((t) => t.nodeId), ...addSlots.map((a) => a.nodeId)]);
  const orphanReplicaless = [...masters.values()].filter((m) => m.replicas === 0 && !becoming.has(m.id));
  for (const m of orphanReplicaless.sort((a, b) => a.slots[0][0] - b.slots[0][0])) {
    findings.push(
      note("findingNoReplica", { nodeId: short(m.id), pod: m.pod ?? "none", slots: formatSlots(m.slots) }),
    );
  }

  // 7. REPLICATE: each empty node follows the master with the fewest replicas (first: those with none).
  for (const m of emptyMembers) {
    if (!taken.has(m)) findings.push(note("findingEmptyMaster", { pod: m.pod.name, nodeId: short(m.id) }));
  }
  const replicates: Extract<RepairStep, { kind: "replicate" }>[] = [];
  const addNodes: string[] = [];
  for (const cand of candidates.filter((m) => !taken.has(m))) {
    const keys = keyCounts[cand.pod.name];
    if (keys !== undefined && keys > 0) {
      refused.push({
        pod: cand.pod.name,
        nodeId: cand.id,
        reason: note("refuseReplicateKeys", { pod: cand.pod.name, keys }),
      });
      continue;
    }
    if (failoverPending !== null) {
      refused.push({
        pod: cand.pod.name,
        nodeId: cand.id,
        reason: note("refuseFailoverPending", { pod: cand.pod.name, nodeId: short(failoverPending) }),
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
        reason: note("refuseNoMaster", { pod: cand.pod.name }),
      });
      continue;
    }
    const hadNone = target.replicas === 0;
    target.replicas++;
    const isNew = joining.includes(cand);
    replicates.push({
      kind: "replicate",
      pod: cand.pod.name,
      nodeId: cand.id,
      masterId: target.id,
      masterPod: target.pod,
      reason: note("replicateReason", {
        pod: cand.pod.name,
        nodeId: short(cand.id),
        isNew: yesNo(isNew),
        master: short(target.id),
        masterPod: target.pod ?? "none",
        slots: formatSlots(target.slots),
        hadNone: yesNo(hadNone),
        replicas: target.replicas - 1,
      }),
      commands: [cliOn(cand.pod.ip, `cluster replicate ${target.id}`)],
    });
    if (isNew && via) {
      addNodes.push(
        `redis-cli ${AUTH} --cluster add-node ${cand.pod.ip}:${cand.self.port || REDIS_PORT} ${via.pod.ip}:${via.self.port || REDIS_PORT} ` +
          `--cluster-slave --cluster-master-id ${target.id}`,
      );
    }
  }

  // Takeovers first: the lost master's id may only be forgotten once its replica serves the slots.
  const steps: RepairStep[] = [...takeovers, ...forgets, ...meets, ...addSlots, ...replicates];
  // add-node cannot follow an ADDSLOTSRANGE on a node it has not met: offer it only for the plain repair.
  const alternative =
    addNodes.length > 0 && takeovers.length === 0 && addSlots.length === 0
      ? {
          reason: note("alternativeReason", { ban: FORGET_BAN_MS / 1000 }),
          commands: [...forgets.flatMap((f) => f.commands), ...addNodes],
        }
      : null;

  const healthy = steps.length === 0 && refused.length === 0 && findings.length === 0;
  return {
    healthy,
    summary: healthy
      ? note("summaryHealthy", { masters: masters.size })
      : note("summaryRepair", {
          findings,
          todo: steps.map(todoOf),
          steps: steps.length,
          refused: refused.length,
        }),
    steps,
    refused,
    alternative,
    fingerprint: planFingerprint(input),
  };
}

function forgetStep(
  id: string,
  c: Consensus,
  label: PlanNote,
  lost: boolean,
): Extract<RepairStep, { kind: "forget" }> {
  return {
    kind: "forget",
    nodeId: id,
    onPods: c.knowers.map((k) => k.pod.name),
    reason: note("forgetReason", {
      label,
      fail: c.failVotes,
      knowers: c.knowers.length,
      ban: FORGET_BAN_MS / 1000,
      lost: yesNo(lost),
    }),
    commands: c.knowers.map((k) => cliOn(k.pod.ip, `cluster forget ${id}`)),
  };
}

function todoOf(s: RepairStep): PlanNote {
  switch (s.kind) {
    case "forget":
      return note("todoForget", {
        nodeId: short(s.nodeId),
        nodes: s.onPods.length,
        ban: FORGET_BAN_MS / 1000,
      });
    case "meet":
      return note("todoMeet", { pod: s.pod, ip: s.ip, via: s.viaPod });
    case "replicate":
      return note("todoReplicate", {
        pod: s.pod,
        master: short(s.masterId),
        masterPod: s.masterPod ?? "none",
      });
    case "takeover":
      return note("todoTakeover", { pod: s.pod, slots: formatSlots(s.slots) });
    case "addslots":
      return note("todoAddSlots", { pod: s.pod, slots: formatSlots(s.slots) });
  }
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
