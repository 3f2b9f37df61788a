// The one file of socket event names and payloads, used by the server and the browser.
// Client -> server payloads are validated with these zod schemas at the server's edge.
import { z } from "zod";
import type { WireBatch } from "./probeWire";
import type { RepairPlan } from "./repairPlan";
import type {
  DeleteMode,
  LabEvent,
  LabKind,
  PlatformKind,
  PlatformStatus,
  PodState,
  ProbeLane,
  Role,
  RunSummary,
  Topology,
} from "./types";

/** Longest pod name Kubernetes allows (a DNS label). */
export const MAX_POD_NAME = 63;
export const podNameSchema = z
  .string()
  .min(1)
  .max(MAX_POD_NAME)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "not a valid pod name");

export const deleteModeSchema = z.enum(["graceful", "crash"]) satisfies z.ZodType<DeleteMode>;

export const deletePodRequestSchema = z
  .object({
    pod: podNameSchema,
    mode: deleteModeSchema.default("graceful"),
  })
  .strict();
export type DeletePodRequest = z.input<typeof deletePodRequestSchema>;

/** HTTP body of `POST /api/pods/{name}/delete` (the pod name comes from the path). */
export const deletePodBodySchema = z.object({ mode: deleteModeSchema.default("graceful") }).strict();

/** Body of `POST /api/repair` and payload of `repair:execute`: the plan the user saw, to detect a changed topology. */
export const repairRequestSchema = z.object({ fingerprint: z.string().max(100).optional() }).strict();
export const autoRepairRequestSchema = z.object({ enabled: z.boolean() }).strict();
export const resetLabRequestSchema = z.object({ persistence: z.boolean().optional() }).strict();
export const evidenceRequestSchema = z.object({ pod: podNameSchema }).strict();

export type RepairStepStatus = "pending" | "running" | "ok" | "failed";

export interface RepairStepResult {
  status: RepairStepStatus;
  /** What happened, e.g. `OK on 5 nodes in 3 ms` or the Redis error. */
  detail: string | null;
  startedAt: number | null;
  endedAt: number | null;
}

/** One execution of a repair plan, streamed while it runs. */
export interface RepairRun {
  id: string;
  actor: string;
  auto: boolean;
  startedAt: number;
  endedAt: number | null;
  status: "running" | "done" | "failed";
  /** True when the topology changed since the plan was shown and the server planned again. */
  replanned: boolean;
  plan: RepairPlan;
  steps: RepairStepResult[];
  /** The closing verification: all pods ready and 3 masters each with a replica, or what is missing. */
  outcome: string | null;
}

/** What one pod's own Redis says, read on demand: the evidence of why it is not ready. */
export interface PodEvidence {
  pod: string;
  ip: string | null;
  at: number;
  clusterInfo: string | null;
  clusterNodes: string | null;
  error: string | null;
}

export const EVENTS = {
  /** server -> client: full state, on connect and whenever the client asks again. */
  snapshot: "snapshot",
  /** server -> client: the whole pod list (small; replaced, never patched). */
  pods: "pods",
  /** server -> client: the whole topology, sent only when it changed. */
  topology: "topology",
  /** server -> client: a batch of probe samples to append (volatile; compact, lib/probeWire.ts). */
  probes: "probes",
  /** server -> client: events to append. */
  events: "events",
  /** server -> client: a run was created or updated (replace by id). */
  run: "run",
  /** server -> client: log lines to append. */
  logs: "logs",
  /** server -> client: who the server thinks this client is. */
  session: "session",
  /** server -> client: whether a destructive action is running. */
  busy: "busy",
  /** server -> client: the current or last repair run (replace). */
  repair: "repair",
  /** server -> client: lab settings that change at run time (auto-repair, persistence). */
  settings: "settings",
  /** server -> client: what the platform cannot see now (API unreachable, refused logs) (replace). */
  platformStatus: "platform:status",
  /** client -> server, with ack. */
  deletePod: "pod:delete",
  repairPlan: "repair:plan",
  repairExecute: "repair:execute",
  autoRepair: "repair:auto",
  resetLab: "lab:reset",
  evidence: "pod:evidence",
} as const;

export interface SessionInfo {
  role: Role;
  name: string;
  canAct: boolean;
}

export interface LabInfo {
  platform: PlatformKind;
  lab: LabKind;
  scope: string;
  keys: string[];
  lanes: ProbeLane[];
  probeIntervalMs: number;
  nodeTimeoutMs: number;
  startedAt: number;
}

export interface LogLine {
  pod: string;
  t: number;
  line: string;
}

/** Everything a browser needs to draw the dashboard from scratch. */
export interface Snapshot {
  lab: LabInfo;
  pods: PodState[];
  topology: Topology;
  /** Newest last, bounded by the server; compact on the wire (lib/probeWire.ts). */
  samples: WireBatch;
  events: LabEvent[];
  runs: RunSummary[];
  logs: LogLine[];
  /** Whether a destructive action is running right now. */
  busy: boolean;
  repair: RepairRun | null;
  settings: LabSettings;
  platformStatus: PlatformStatus;
}

export interface LabSettings {
  autoRepair: boolean;
  /** null where the platform decides (kubernetes: the chart's values). */
  persistence: boolean | null;
  canReset: boolean;
}

export type Ack<T = unknown> = { ok: true; result?: T } | { ok: false; error: string; status: number };

export interface ServerToClient {
  [EVENTS.snapshot]: (s: Snapshot) => void;
  [EVENTS.pods]: (p: PodState[]) => void;
  [EVENTS.topology]: (t: Topology) => void;
  [EVENTS.probes]: (s: WireBatch) => void;
  [EVENTS.events]: (e: LabEvent[]) => void;
  [EVENTS.run]: (r: RunSummary) => void;
  [EVENTS.logs]: (l: LogLine[]) => void;
  [EVENTS.session]: (s: SessionInfo) => void;
  [EVENTS.busy]: (b: boolean) => void;
  [EVENTS.repair]: (r: RepairRun) => void;
  [EVENTS.settings]: (s: LabSettings) => void;
  [EVENTS.platformStatus]: (s: PlatformStatus) => void;
}

export interface ClientToServer {
  [EVENTS.deletePod]: (req: unknown, ack: (a: Ack<{ runId: string }>) => void) => void;
  [EVENTS.repairPlan]: (req: unknown, ack: (a: Ack<RepairPlan>) => void) => void;
  [EVENTS.repairExecute]: (req: unknown, ack: (a: Ack<RepairRun>) => void) => void;
  [EVENTS.autoRepair]: (req: unknown, ack: (a: Ack<LabSettings>) => void) => void;
  [EVENTS.resetLab]: (req: unknown, ack: (a: Ack<LabSettings>) => void) => void;
  [EVENTS.evidence]: (req: unknown, ack: (a: Ack<PodEvidence>) => void) => void;
}

/** Formats a zod error as one readable line for a 400 response or a socket ack. */
export function describeZodError(err: z.ZodError): string {
  return err.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}
