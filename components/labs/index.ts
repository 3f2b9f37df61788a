// What the dashboard shows of each lab: the one place the browser lists them.
import type { LabKind } from "@/lib/types";
import { ClusterLabPanels } from "./cluster/Panels";
import { ReplicationLabPanels } from "./replication/Panels";
import type { LabView } from "./types";

export const LAB_VIEWS: Record<LabKind, LabView> = {
  cluster: { panels: ClusterLabPanels },
  replication: { panels: ReplicationLabPanels },
};
