"use client";
import type { ReactNode } from "react";
import { useHiddenByProjector } from "../classroom/Projector";

interface PanelProps {
  title: string;
  /** One line under the title saying what to look at, for students who join mid-lab. */
  hint?: ReactNode;
  actions?: ReactNode;
  testId?: string;
  className?: string;
  bodyClassName?: string;
  /**
   * Something inside is drawn outside the panel (a tooltip below its last row): the panel does not isolate its
   * painting, so that it can overlap the panels after it.
   */
  overflows?: boolean;
  children: ReactNode;
}

export function Panel({
  title,
  hint,
  actions,
  testId,
  className = "",
  bodyClassName = "",
  overflows = false,
  children,
}: PanelProps) {
  const hidden = useHiddenByProjector(testId);
  // An isolated panel is a stacking context, which Chromium paints as a unit it can keep: a change in one panel
  // re-records only that panel's painting, not the whole page's (Paint 161 -> 82 ms, PrePaint 117 -> 104 ms of a
  // 20 s failover, bench:page TRACE=1); in bench:latency the pages' renderers take most of both cores then.
  return (
    <section
      data-testid={testId}
      hidden={hidden}
      className={`flex min-h-0 flex-col ${overflows ? "" : "isolate"} rounded-xl border border-slate-800 bg-slate-900/70 shadow-lg shadow-black/30 ${className}`}
    >
      <header className="flex items-center gap-3 border-b border-slate-800 px-4 py-2">
        <div className="min-w-0 flex-1">
          <h2 className="text-[15px] font-semibold tracking-wide text-slate-100 uppercase">{title}</h2>
          {hint ? <p className="truncate text-xs text-slate-400">{hint}</p> : null}
        </div>
        {actions}
      </header>
      {/* A body that scrolls is reachable from the keyboard, to scroll it without a mouse. */}
      <div
        className={`min-h-0 flex-1 ${bodyClassName}`}
        tabIndex={/\boverflow-(auto|y-auto|scroll)\b/.test(bodyClassName) ? 0 : undefined}
      >
        {children}
      </div>
    </section>
  );
}
