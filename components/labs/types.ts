import type { ReactNode } from "react";
import type { DashboardState } from "@/lib/clientState";
import type { GuideStepId } from "@/lib/protocol";
import type { EvidenceViewProps } from "../evidence/types";
import type { LabConnection } from "../lab/LabConnection";
import type { DeleteRights } from "../lab/usePermissions";

/** What every lab's panels get. */
export interface LabPanelsProps {
  state: DashboardState;
  connection: LabConnection | null;
  deletePod: LabConnection["deletePod"] | null;
  onExplain: (pod: string) => void;
  podNames: string[];
  /** What this viewer may not do and why (the permission table, mirrored). */
  rights: { pods: DeleteRights; write: string | null };
  /** The instructor moves the room to a guide step; null for students, who follow. */
  focusGuide: ((step: GuideStepId | null) => void) | null;
}

/** What the dashboard shows of a lab: its panels, its header part, and what "Explain" reads. */
export interface LabView {
  /** Called as a function, not mounted: the panels both labs share (keyed) keep their state across a switch. */
  panels: (p: LabPanelsProps) => ReactNode;
  Evidence: (p: EvidenceViewProps) => ReactNode;
  /** Beside the title: what the lab says of itself (lab B: cluster_state and the node timeout). */
  HeaderStatus: (p: { state: DashboardState }) => ReactNode;
  /** In the header's status strip: what is going wrong now (lab B: reads failing while Redis says ok). */
  HeaderAlert?: (p: { state: DashboardState }) => ReactNode;
}
