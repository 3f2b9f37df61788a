// What the dashboard shows of each lab: the one place the browser lists them.
import type { LabKind } from "@/lib/types";
import { ClusterEvidence } from "./cluster/Evidence";
import { ClusterHeaderAlert, ClusterHeaderStatus } from "./cluster/HeaderStatus";
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
    HeaderAlert: ClusterHeaderAlert,
  },
  replication: {
    panels: ReplicationLabPanels,
    Evidence: ReplicationEvidence,
    HeaderStatus: ReplicationHeaderStatus,
  },
};
