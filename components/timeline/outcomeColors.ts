// Okabe–Ito bluish green and vermillion: ok and failed stay apart with red–green colour blindness, where
// Tailwind's green-500 and red-500 look alike. Never the only cue: the last read is also written out, and
// failed bars are hatched (LaneChart).
export const OUTCOME_COLORS = { ok: "#009E73", nil: "#94a3b8", error: "#D55E00" } as const;
