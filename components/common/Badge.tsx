import type { ReactNode } from "react";

export type Tone = "green" | "red" | "amber" | "slate" | "sky" | "violet" | "emerald" | "orange";

const TONES: Record<Tone, string> = {
  green: "bg-green-500/15 text-green-300 ring-green-500/40",
  red: "bg-red-500/20 text-red-200 ring-red-500/60",
  amber: "bg-amber-400/15 text-amber-200 ring-amber-400/50",
  slate: "bg-slate-500/15 text-slate-300 ring-slate-500/40",
  sky: "bg-sky-500/15 text-sky-200 ring-sky-500/40",
  violet: "bg-violet-500/15 text-violet-200 ring-violet-500/40",
  emerald: "bg-emerald-500/20 text-emerald-200 ring-emerald-400/60",
  orange: "bg-orange-500/15 text-orange-200 ring-orange-500/50",
};

export function Badge({
  tone = "slate",
  children,
  title,
  className = "",
  wraps = false,
}: {
  tone?: Tone;
  children: ReactNode;
  title?: string;
  className?: string;
  /** Text that may be long: up to two lines, then cut, instead of one line however wide. */
  wraps?: boolean;
}) {
  const shape = wraps ? "line-clamp-2" : "inline-flex items-center gap-1 whitespace-nowrap";
  return (
    <span
      title={title}
      className={`${shape} rounded-md px-1.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${TONES[tone]} ${className}`}
    >
      {children}
    </span>
  );
}
