"use client";
import { createContext, useContext, useState, type ReactNode } from "react";
import { assignNodeColors } from "@/lib/nodeColors";

// No reds: red means failed / uncovered everywhere on the dashboard.
export const NODE_PALETTE = [
  "#38bdf8", // sky
  "#a78bfa", // violet
  "#fbbf24", // amber
  "#34d399", // emerald
  "#f472b6", // pink
  "#22d3ee", // cyan
  "#a3e635", // lime
  "#fb923c", // orange
  "#818cf8", // indigo
  "#2dd4bf", // teal
];

const UNKNOWN = "#64748b";

const ColorsContext = createContext<ReadonlyMap<string, number>>(new Map());

export function NodeColorsProvider({ ids, children }: { ids: string[]; children: ReactNode }) {
  const [colors, setColors] = useState<ReadonlyMap<string, number>>(new Map());
  // Derived state kept across renders, so an id keeps its colour while others come and go.
  const next = assignNodeColors(ids, colors, NODE_PALETTE.length);
  const changed = next.size !== colors.size || [...next].some(([id, i]) => colors.get(id) !== i);
  if (changed) setColors(next);
  return <ColorsContext.Provider value={changed ? next : colors}>{children}</ColorsContext.Provider>;
}

export function useNodeColor(): (id: string | null | undefined) => string {
  const colors = useContext(ColorsContext);
  return (id) => {
    const i = id ? colors.get(id) : undefined;
    return i === undefined ? UNKNOWN : NODE_PALETTE[i];
  };
}
