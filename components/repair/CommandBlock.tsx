"use client";
import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { copyText } from "./copyText";

const FEEDBACK_MS = 1500;

/** The exact redis-cli lines of a step, one per line, ready to paste into a terminal. */
export function CommandBlock({ commands, testId }: { commands: string[]; testId?: string }) {
  const t = useTranslations("repair");
  const [copied, setCopied] = useState<"ok" | "failed" | null>(null);
  useEffect(() => {
    if (copied === null) return;
    const id = setTimeout(() => setCopied(null), FEEDBACK_MS);
    return () => clearTimeout(id);
  }, [copied]);
  const text = commands.join("\n");
  return (
    <div data-testid={testId} className="relative rounded-md border border-slate-700 bg-slate-950/80">
      <pre className="overflow-x-auto px-3 py-2 pr-20 font-mono text-[13px] leading-relaxed text-emerald-200">
        {commands.map((c, i) => (
          <div key={i} className="whitespace-pre">
            <span className="text-slate-500 select-none">$ </span>
            {c}
          </div>
        ))}
      </pre>
      <button
        type="button"
        onClick={async () => setCopied((await copyText(text)) ? "ok" : "failed")}
        title={t("copyTitle")}
        className="absolute top-1.5 right-1.5 rounded border border-slate-600 bg-slate-800 px-2 py-0.5 text-xs font-semibold text-slate-200 hover:bg-slate-700"
      >
        {copied === "ok" ? t("copied") : copied === "failed" ? t("copyFailed") : t("copy")}
      </button>
    </div>
  );
}
