import type { NodeSummary } from "@/lib/types";

export interface NodeGroups {
  /** A master that serves slots or has replicas, with its replicas: one column each. */
  shards: { master: NodeSummary; replicas: NodeSummary[] }[];
  /** Live masters with no slots and no replicas: the restarted, empty pod. */
  orphans: NodeSummary[];
  /** Ids no pod owns that belong to no shard (the old id of a deleted master, after the failover). */
  ghosts: NodeSummary[];
  detached: NodeSummary[];
}

export function groupNodes(nodes: NodeSummary[]): NodeGroups {
  const replicasOf = (id: string) => nodes.filter((n) => n.role === "replica" && n.masterId === id);
  const shards: NodeGroups["shards"] = [];
  const orphans: NodeSummary[] = [];
  const ghosts: NodeSummary[] = [];
  for (const n of nodes.filter((m) => m.role === "master")) {
    const replicas = replicasOf(n.id);
    if (n.slots.length > 0 || replicas.length > 0) shards.push({ master: n, replicas });
    else if (n.pod) orphans.push(n);
    else ghosts.push(n);
  }
  const placed = new Set(shards.flatMap((s) => s.replicas.map((r) => r.id)));
  const detached = nodes.filter((n) => n.role === "replica" && !placed.has(n.id));
  // A replica that is a ghost itself belongs with the ghosts, not with live-but-lost replicas.
  return {
    shards,
    orphans,
    ghosts: [...ghosts, ...detached.filter((n) => !n.pod)],
    detached: detached.filter((n) => n.pod),
  };
}
