"use client";
import { useTranslations } from "use-intl";
import type { EvidenceLine, EvidenceNote, EvidenceTone } from "@/lib/evidenceLine";

const TONE: Record<EvidenceTone, string> = {
  bad: "bg-red-500/20 text-red-100 font-bold border-l-4 border-red-500",
  warn: "bg-orange-500/15 text-orange-100 border-l-4 border-orange-400",
  good: "bg-green-500/15 text-green-100 font-bold border-l-4 border-green-500",
  self: "bg-sky-500/15 text-sky-100 font-semibold border-l-4 border-sky-400",
  plain: "text-slate-300 border-l-4 border-transparent",
};

const NOTE: Record<EvidenceTone, string> = {
  bad: "text-red-300",
  warn: "text-orange-300",
  good: "text-green-300",
  self: "text-sky-300",
  plain: "",
};

function NoteText({ note }: { note: EvidenceNote }) {
  const t = useTranslations("evidence.notes");
  return <>{note.code === "knowsNodes" ? t("knowsNodes", { n: note.n }) : t(note.code)}</>;
}

/** Raw redis-cli output with the lines that explain the pod's state marked, as in the seed's terminal. */
export function EvidenceText({
  command,
  lines,
  empty,
  testId,
}: {
  command: string;
  lines: EvidenceLine[] | null;
  empty: string;
  testId: string;
}) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <p className="font-mono text-xs text-slate-400">
        <span className="text-slate-600 select-none">$ </span>
        {command}
      </p>
      <div
        data-testid={testId}
        className="overflow-x-auto rounded-md border border-slate-700 bg-slate-950/80 py-1 font-mono text-[13px] leading-relaxed"
      >
        {lines && lines.length > 0 ? (
          lines.map((l, i) => (
            <div
              key={i}
              data-tone={l.tone === "plain" ? undefined : l.tone}
              className={`flex gap-3 px-2 whitespace-pre ${TONE[l.tone]}`}
            >
              <span>{l.text}</span>
              {l.note ? (
                <span className={`ml-auto pl-4 font-sans text-xs ${NOTE[l.tone]}`}>
                  ← <NoteText note={l.note} />
                </span>
              ) : null}
            </div>
          ))
        ) : (
          <p className="px-2 text-slate-500 italic">{empty}</p>
        )}
      </div>
    </div>
  );
}
