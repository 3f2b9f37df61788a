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
  children: ReactNode;
}

export function Panel({
  title,
  hint,
  actions,
  testId,
  className = "",
  bodyClassName = "",
  children,
}: PanelProps) {
  const hidden = useHiddenByProjector(testId);
  return (
    <section
      data-testid={testId}
      hidden={hidden}
      className={`flex min-h-0 flex-col rounded-xl border border-slate-800 bg-slate-900/70 shadow-lg shadow-black/30 ${className}`}
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
