// Builds the dashboard's node list from every pod's own CLUSTER NODES view, without hiding that the views
// disagree: a node describes itself (role, slots), but only the others can say it is failing.
import type { ClusterNodeEntry, NodeSummary, NodeView, PodState, Topology } from "./types";

const FLAG_ORDER = ["fail", "pfail", "handshake", "noaddr", "nofailover"];

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortFlags(flags: Iterable<string>): string[] {
  const rank = (f: string) => {
    const i = FLAG_ORDER.indexOf(f);
    return i < 0 ? FLAG_ORDER.length : i;
  };
  return [...new Set(flags)].sort((a, b) => rank(a) - rank(b) || cmp(a, b));
}

/** Flags that more than half of the given entries carry; `myself` is never about the viewed node. */
function majorityFlags(entries: ClusterNodeEntry[]): string[] {
  const counts = new Map<string, number>();
  for (const e of entries) for (const f of new Set(e.flags)) counts.set(f, (counts.get(f) ?? 0) + 1);
  return sortFlags([...counts].filter(([f, n]) => f !== "myself" && n * 2 > entries.length).map(([f]) => f));
}

/**
 * A `handshake` entry is a MEET in progress under a throwaway id that Redis replaces or drops within a node
 * timeout; a `noaddr` entry has no address to reach. Neither is a node: they stay in the raw views only.
 */
export function isTransient(e: ClusterNodeEntry): boolean {
  return e.flags.includes("handshake") || e.flags.includes("noaddr");
}

function selfEntry(view: NodeView): ClusterNodeEntry | undefined {
  if (!view.reachable || !view.myId) return undefined;
  return view.entries.find((e) => e.id === view.myId);
}

function signature(e: ClusterNodeEntry): string {
  return [
    e.role,
    e.masterId ?? "-",
    e.ip,
    e.port,
    e.configEpoch,
    e.slots.map((r) => r.join("-")).join(","),
  ].join("|");
}

/** The entry most views agree on; ties go to the highest config epoch (the fresher claim). */
function mostCommon(entries: ClusterNodeEntry[]): ClusterNodeEntry {
  const groups = new Map<string, ClusterNodeEntry[]>();
  for (const e of entries) {
    const key = signature(e);
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const best = [...groups].sort(
    ([ka, a], [kb, b]) => b.length - a.length || b[0].configEpoch - a[0].configEpoch || cmp(ka, kb),
  )[0];
  return best[1][0];
}

function summary(e: ClusterNodeEntry, flags: string[], pod: string | null, ip = e.ip): NodeSummary {
  return {
    id: e.id,
    ip,
    port: e.port,
    role: e.role,
    masterId: e.masterId,
    flags,
    slots: e.slots.map(([a, b]): [number, number] => [a, b]),
    configEpoch: e.configEpoch,
    pod,
  };
}

function firstSlot(n: NodeSummary): number {
  return n.slots.length > 0 ? Math.min(...n.slots.map(([from]) => from)) : Infinity;
}

function byPodThenId(a: NodeSummary, b: NodeSummary): number {
  return cmp(a.pod ?? "", b.pod ?? "") || cmp(a.id, b.id);
}

function byMasterOrder(a: NodeSummary, b: NodeSummary): number {
  return firstSlot(a) - firstSlot(b) || byPodThenId(a, b);
}

/** Masters by first slot, each followed by its replicas; replicas of unknown masters next; ghosts last. */
export function sortNodes(nodes: NodeSummary[]): NodeSummary[] {
  const placed = nodes.filter((n) => n.pod !== null);
  const ghosts = nodes.filter((n) => n.pod === null);
  const out: NodeSummary[] = [];
  for (const master of placed.filter((n) => n.role === "master").sort(byMasterOrder)) {
    out.push(master);
    out.push(...placed.filter((n) => n.role === "replica" && n.masterId === master.id).sort(byPodThenId));
  }
  out.push(...placed.filter((n) => !out.includes(n)).sort(byPodThenId));
  const ghostRank = (n: NodeSummary) => (n.role === "master" ? 0 : 1);
  out.push(...ghosts.sort((a, b) => ghostRank(a) - ghostRank(b) || byMasterOrder(a, b)));
  return out;
}

function majorityState(views: NodeView[]): Topology["clusterState"] {
  let ok = 0;
  let fail = 0;
  for (const v of views) {
    if (!v.reachable) continue;
    if (v.clusterState === "ok") ok++;
    else if (v.clusterState === "fail") fail++;
  }
  if (ok + fail === 0) return "unknown";
  // A tie is reported as fail: not a majority of nodes can vouch that the cluster serves every slot.
  return ok > fail ? "ok" : "fail";
}

export function buildTopology(pods: PodState[], views: NodeView[]): Topology {
  // A pod owns the id its Redis reports as `myself`, whatever the other views still say about its IP.
  const owners = new Map<string, { view: NodeView; self: ClusterNodeEntry }>();
  for (const view of [...views].sort((a, b) => cmp(a.pod, b.pod))) {
    const self = selfEntry(view);
    if (self && !owners.has(self.id)) owners.set(self.id, { view, self });
  }
  const livePods = new Set([...owners.values()].map((o) => o.view.pod));

  // Ids no live pod owns are attributed by IP to a pod that cannot answer for itself (down, terminating).
  // The pod list is the current truth; a view's IP may belong to the previous incarnation of its pod.
  const podByIp = new Map<string, string>();
  const listed = new Set(pods.map((p) => p.name));
  for (const p of pods) if (p.ip) podByIp.set(p.ip, p.name);
  for (const v of views) if (v.ip && !listed.has(v.pod) && !podByIp.has(v.ip)) podByIp.set(v.ip, v.pod);

  const reports = new Map<string, { pod: string; entry: ClusterNodeEntry }[]>();
  for (const { view } of owners.values()) {
    for (const entry of view.entries) {
      if (isTransient(entry) && entry.id !== view.myId) continue;
      reports.set(entry.id, [...(reports.get(entry.id) ?? []), { pod: view.pod, entry }]);
    }
  }

  const nodes: NodeSummary[] = [];
  for (const [id, { view, self }] of owners) {
    const others = (reports.get(id) ?? []).filter((r) => r.pod !== view.pod).map((r) => r.entry);
    const flags = sortFlags([...self.flags.filter((f) => f !== "myself"), ...majorityFlags(others)]);
    // The pod's IP is the truth: a node nobody has met yet does not know its own IP (`:6379@16379`), and
    // one restarted with its old nodes.conf keeps announcing its previous IP to itself.
    nodes.push(summary(self, flags, view.pod, view.ip || self.ip));
  }
  for (const [id, rs] of reports) {
    if (owners.has(id)) continue;
    const entries = rs.map((r) => r.entry);
    const common = mostCommon(entries);
    const pod = common.ip ? podByIp.get(common.ip) : undefined;
    nodes.push(summary(common, majorityFlags(entries), pod && !livePods.has(pod) ? pod : null));
  }

  return { nodes: sortNodes(nodes), clusterState: majorityState(views), views };
}

function describeEntry(e: ClusterNodeEntry): string {
  const head = [
    e.role === "master" ? "master" : "slave",
    ...sortFlags(e.flags.filter((f) => f !== "myself")),
  ];
  return e.role === "replica"
    ? `${head.join(",")} ${e.masterId ? e.masterId.slice(0, 8) : "-"}`
    : head.join(",");
}

export interface ViewDisagreement {
  nodeId: string;
  /** pod name -> what that pod's Redis says about the node (`master,fail`, `slave d25d71a3`, `unknown`). */
  byPod: Record<string, string>;
}

/** Node ids the reachable views do not agree on, including ids some views do not know at all. */
export function viewDisagreements(views: NodeView[]): ViewDisagreement[] {
  const reachable = views.filter((v) => v.reachable).sort((a, b) => cmp(a.pod, b.pod));
  const ids = [...new Set(reachable.flatMap((v) => v.entries.map((e) => e.id)))].sort(cmp);
  const out: ViewDisagreement[] = [];
  for (const nodeId of ids) {
    const byPod: Record<string, string> = {};
    for (const v of reachable) {
      const entry = v.entries.find((e) => e.id === nodeId);
      byPod[v.pod] = entry ? describeEntry(entry) : "unknown";
    }
    if (new Set(Object.values(byPod)).size > 1) out.push({ nodeId, byPod });
  }
  return out;
}
