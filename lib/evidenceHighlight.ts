// Marks the lines of a pod's own CLUSTER INFO / CLUSTER NODES output that explain its readiness, so a
// projector audience finds `cluster_state:fail` and `cluster_known_nodes:1` without reading every line. Pure.

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

/** CLUSTER INFO: the two lines the bitnami readiness probe and the seed's diagnosis turn on. */
export function clusterInfoLines(text: string): EvidenceLine[] {
  return lines(text).map((text) => {
    const state = valueOf(text, "cluster_state");
    if (state !== null) {
      return state === "ok"
        ? { text, tone: "good", note: { code: "readinessAccepts" } }
        : { text, tone: "bad", note: { code: "readinessNeedsOk" } };
    }
    const known = valueOf(text, "cluster_known_nodes");
    if (known !== null) {
      const n = Number(known);
      return Number.isFinite(n) && n <= 1
        ? { text, tone: "bad", note: { code: "knowsOnlyItself" } }
        : { text, tone: "good", note: { code: "knowsNodes", n } };
    }
    return { text, tone: "plain", note: null };
  });
}

/** CLUSTER NODES: the node's own line, and the nodes it believes failed (`fail`) or suspects (`fail?`). */
export function clusterNodesLines(text: string): EvidenceLine[] {
  return lines(text).map((text) => {
    const flags = (text.trim().split(/\s+/)[2] ?? "").split(",");
    if (flags.includes("myself")) return { text, tone: "self", note: { code: "myself" } };
    if (flags.includes("fail")) return { text, tone: "bad", note: { code: "failed" } };
    if (flags.includes("fail?")) return { text, tone: "warn", note: { code: "suspected" } };
    return { text, tone: "plain", note: null };
  });
}
