// Lab B: Redis Cluster failover and repair (DESIGN §1).
import { STEP_IDS } from "../../labGuide";
import { slotOwners } from "../../slots";
import type { Topology } from "../../types";
import type { LabDefinition } from "../types";

/** Every slot served by a live master, and the cluster says ok. */
export function servesEverySlot(t: Topology): boolean {
  if (t.clusterState !== "ok") return false;
  const live = t.nodes.filter(
    (n) => n.pod && n.role === "master" && !n.flags.some((f) => f === "fail" || f === "pfail"),
  );
  return slotOwners(live).every((o) => o !== null);
}

export const clusterLab: LabDefinition = {
  kind: "cluster",
  lanes: ["cluster", "fresh"],
  keys: "keys",
  actions: ["repair", "auto-repair"],
  guideSteps: STEP_IDS,
  guideTexts: "guide.steps",
  recovered: ({ topology }) => servesEverySlot(topology),
};
