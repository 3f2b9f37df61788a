// Every lab the server can run, by kind (lib/labs/index.ts lists their pure definitions).
import type { LabKind } from "@/lib/types";
import { clusterServerLab } from "./cluster";
import { replicationServerLab } from "./replication";
import type { ServerLab } from "./types";

export const LABS: Record<LabKind, ServerLab> = {
  cluster: clusterServerLab,
  replication: replicationServerLab,
};
