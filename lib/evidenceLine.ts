// A pod's own redis-cli answer as the Explain panel shows it: line by line, the lines that explain what the
// pod does marked with a tone and a teaching note, so a projector audience finds them without reading every
// line. Each lab marks its own commands' answers (lib/labs/<lab>/evidenceLines.ts). Pure.

export type EvidenceTone = "bad" | "warn" | "good" | "self" | "plain";

/** A short teaching note shown next to a line, as a code the page renders in the viewer's language. */
export type EvidenceNote =
  | { code: "readinessAccepts" | "readinessNeedsOk" | "knowsOnlyItself" | "myself" | "failed" | "suspected" }
  | { code: "knowsNodes"; n: number }
  | { code: ReplicationNoteCode };

/** Lab A's notes on INFO replication and INFO persistence (lib/labs/replication/evidenceLines.ts). */
export type ReplicationNoteCode =
  | "roleMaster"
  | "roleReplica"
  | "linkUp"
  | "linkDown"
  | "followsHost"
  | "masterOffset"
  | "aofOn"
  | "aofOff"
  | "loading"
  | "lastOk"
  | "lastFailed";

export interface EvidenceLine {
  text: string;
  tone: EvidenceTone;
  note: EvidenceNote | null;
}

/** The lines of a redis-cli answer, without the blank ones at its ends. */
export function lines(text: string): string[] {
  return text
    .replace(/\r/g, "")
    .split("\n")
    .filter((l, i, all) => l.trim() !== "" || (i > 0 && i < all.length - 1));
}

/** The value of `key:value`, or null for another line. */
export function valueOf(line: string, key: string): string | null {
  const t = line.trim();
  return t.startsWith(`${key}:`) ? t.slice(key.length + 1).trim() : null;
}
