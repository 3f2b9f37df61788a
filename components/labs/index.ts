// What the dashboard shows of each lab: the one place the browser lists them.
import type { LabKind } from "@/lib/types";
import { ClusterEvidence } from "./cluster/Evidence";
import { ClusterHeaderStatus } from "./cluster/HeaderStatus";
import { ClusterLabPanels } from "./cluster/Panels";
import { ReplicationEvidence } from "./replication/Evidence";
import { ReplicationHeaderStatus } from "./replication/HeaderStatus";
import { ReplicationLabPanels } from "./replication/Panels";
import type { LabView } from "./types";

export const LAB_VIEWS: Record<LabKind, LabView> = {
  cluster: {
    panels: ClusterLabPanels,
    Evidence: ClusterEvidence,
    HeaderStatus: ClusterHeaderStatus,
  },
  replication: {
    panels: ReplicationLabPanels,
    Evidence: ReplicationEvidence,
    HeaderStatus: ReplicationHeaderStatus,
  },
};
