"use client";
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { nodeColorIndexes } from "@/lib/nodeColors";
import type { NodeSummary } from "@/lib/types";

// Okabe–Ito, told apart with any colour vision; vermillion and black are left out because red means failed /
// uncovered everywhere on the dashboard and black is the background. Colour is never the only cue: the graph,
// the slot map and the pod table name the node and its slots in text beside it.
export const NODE_PALETTE = [
  "#56B4E9", // sky blue
  "#E69F00", // orange
  "#009E73", // bluish green
  "#F0E442", // yellow
  "#CC79A7", // reddish purple
  "#0072B2", // blue
];

/** A node in no slot-serving shard (the empty restarted pod, a ghost id), or one not known at all. */
const NEUTRAL = "#64748b";

const ColorsContext = createContext<ReadonlyMap<string, number | null>>(new Map());

export function NodeColorsProvider({ nodes, children }: { nodes: NodeSummary[]; children: ReactNode }) {
  const colors = useMemo(() => nodeColorIndexes(nodes, NODE_PALETTE.length), [nodes]);
  return <ColorsContext.Provider value={colors}>{children}</ColorsContext.Provider>;
}

export function useNodeColor(): (id: string | null | undefined) => string {
  const colors = useContext(ColorsContext);
  return (id) => {
    const i = id ? colors.get(id) : undefined;
    return i === undefined || i === null ? NEUTRAL : NODE_PALETTE[i];
  };
}
