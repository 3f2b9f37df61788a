export const OUTCOME_COLORS = { ok: "#22c55e", nil: "#94a3b8", error: "#ef4444" } as const;
