// "What the other pods say about it": for one pod, every id the lesson turns on — the ghost of its old id
// (listed by the others as master,fail), its own new id (unknown to the others) and any other id the views
// disagree on — with what each pod's own CLUSTER NODES says about it. Pure.
import { viewDisagreements } from "./topology";
import { comparePodNames } from "./podOrder";
import type { NodeSummary, Topology } from "./types";

export interface OthersSayRow {
  nodeId: string;
  /** The pod that owns the id now, or null for a ghost. */
  owner: string | null;
  ghost: boolean;
  /** This pod's own current id. */
  self: boolean;
  /** pod -> description (`master,fail`, `slave d25d71a3`, `unknown`). */
  byPod: Record<string, string>;
  /** Whether the views disagree on this id. */
  disagree: boolean;
  /** Pods whose description differs from what most pods say: the cells to point at. */
  odd: string[];
  /** Where the views last saw the id: for a ghost, the deleted pod's old IP. */
  addr: string;
}

export interface OthersSay {
  selfId: string | null;
  /** Pods with a readable view, in name order (`cluster-2` before `cluster-10`). */
  pods: string[];
  rows: OthersSayRow[];
}

function describe(n: NodeSummary): string {
  const head = [n.role === "master" ? "master" : "slave", ...n.flags].join(",");
  return n.role === "replica" ? `${head} ${n.masterId ? n.masterId.slice(0, 8) : "-"}` : head;
}

function oddOnes(byPod: Record<string, string>): string[] {
  const counts = new Map<string, number>();
  for (const d of Object.values(byPod)) counts.set(d, (counts.get(d) ?? 0) + 1);
  const top = Math.max(0, ...counts.values());
  const majority = [...counts].filter(([, n]) => n === top);
  // With no single most common answer there is no "odd one out" to point at.
  if (majority.length !== 1) return [];
  return Object.keys(byPod).filter((p) => byPod[p] !== majority[0][0]);
}

export function othersSay(pod: string, topology: Topology): OthersSay {
  const reachable = topology.views.filter((v) => v.reachable);
  const pods = reachable.map((v) => v.pod).sort(comparePodNames);
  const own = reachable.find((v) => v.pod === pod);
  const selfId = own?.myId ?? null;
  const disagreements = new Map(viewDisagreements(topology.views).map((d) => [d.nodeId, d.byPod]));
  const nodes = new Map(topology.nodes.map((n) => [n.id, n]));

  // Ghosts and ids attributed to this pod that it no longer reports first, then its own id, then the rest.
  const oldIds = topology.nodes.filter((n) => n.pod === null || (n.pod === pod && n.id !== selfId));
  const ordered = [
    ...oldIds.map((n) => n.id),
    ...(selfId ? [selfId] : []),
    ...[...disagreements.keys()].sort(),
  ];
  const ids = [...new Set(ordered)];

  const rows: OthersSayRow[] = [];
  for (const nodeId of ids) {
    const node = nodes.get(nodeId);
    const disagreeing = disagreements.get(nodeId);
    let byPod: Record<string, string>;
    if (disagreeing) byPod = disagreeing;
    else if (node) byPod = Object.fromEntries(pods.map((p) => [p, describe(node)]));
    else continue;
    const owner = node?.pod ?? null;
    const self = nodeId === selfId;
    rows.push({
      nodeId,
      owner: self ? pod : owner,
      ghost: !self && (node ? node.pod === null : true),
      self,
      byPod,
      disagree: disagreeing !== undefined,
      odd: disagreeing ? oddOnes(byPod) : [],
      addr: node ? `${node.ip}:${node.port}` : "",
    });
  }
  return { selfId, pods, rows };
}
