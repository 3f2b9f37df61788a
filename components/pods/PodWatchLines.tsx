"use client";
import { useEffect, useRef } from "react";
import { useTranslations } from "use-intl";
import type { PodWatch } from "@/lib/podWatch";

/** The pod table's changes as a terminal running `kubectl get pod -w` shows them, newest at the bottom. */
export function PodWatchLines({ watch }: { watch: PodWatch | null }) {
  const t = useTranslations("pods");
  const box = useRef<HTMLDivElement>(null);
  const count = watch?.lines.length ?? 0;
  const last = watch?.lines.at(-1);
  // Follow the newest line like a terminal, scrolling this box only (scrollIntoView would move the page too).
  useEffect(() => {
    const el = box.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [count, last]);
  return (
    <div className="border-t border-slate-800 px-3 py-2">
      <div
        ref={box}
        data-testid="pod-watch"
        className="max-h-56 overflow-auto rounded-md border border-slate-700 bg-slate-950/80 px-2 py-1 font-mono text-xs leading-relaxed text-slate-200"
      >
        <div className="text-slate-400 select-none">$ kubectl get pod -w</div>
        {watch ? (
          <pre className="whitespace-pre">
            <span className="text-slate-400">{watch.header}</span>
            {watch.lines.map((l) => `\n${l}`).join("")}
          </pre>
        ) : (
          <p className="text-slate-500 italic">{t("watchEmpty")}</p>
        )}
      </div>
    </div>
  );
}
