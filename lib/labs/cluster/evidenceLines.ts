// Lab B's Explain: the lines of a pod's own CLUSTER INFO / CLUSTER NODES that explain its readiness, so the
// room finds `cluster_state:fail` and `cluster_known_nodes:1` at once. Pure.
import { type EvidenceLine, lines, valueOf } from "../../evidenceLine";

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
