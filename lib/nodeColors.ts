// A node's colour comes from what the cluster says, not from the order a browser happened to see nodes: every
// page, opened at any time, colours the same shard the same. A shard is named by the lowest slot its master
// serves; shards are ranked by that slot (the shard serving slot 0 gets colour 0, and so on). Old and new
// master of one range share a lowest slot, so a failover keeps the range's colour; a replica wears its
// master's colour; a node that serves no slots and follows no master that does (the restarted empty pod, a
// ghost id) gets none: the caller draws it neutral. Pure.
import type { NodeSummary } from "./types";

function lowestSlot(n: NodeSummary): number | null {
  return n.slots.length === 0 ? null : Math.min(...n.slots.map(([from]) => from));
}

/** Palette index per node id, or null for a node that belongs to no slot-serving shard. */
export function nodeColorIndexes(
  nodes: readonly NodeSummary[],
  paletteSize: number,
): Map<string, number | null> {
  const lowest = new Map<string, number>();
  for (const n of nodes) {
    const slot = n.role === "master" ? lowestSlot(n) : null;
    if (slot !== null) lowest.set(n.id, slot);
  }
  const ranks = [...new Set(lowest.values())].sort((a, b) => a - b);
  const indexOf = (id: string | null): number | null => {
    const slot = id === null ? undefined : lowest.get(id);
    return slot === undefined ? null : ranks.indexOf(slot) % paletteSize;
  };
  const out = new Map<string, number | null>();
  for (const n of nodes) out.set(n.id, n.role === "master" ? indexOf(n.id) : indexOf(n.masterId));
  return out;
}
