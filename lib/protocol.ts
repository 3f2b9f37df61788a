// The one file of socket event names and payloads, used by the server and the browser.
// Client -> server payloads are validated with these zod schemas at the server's edge.
import { z } from "zod";
import type {
  DeleteMode,
  LabEvent,
  LabKind,
  PlatformKind,
  PodState,
  ProbeLane,
  ProbeSample,
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

export const EVENTS = {
  /** server -> client: full state, on connect and whenever the client asks again. */
  snapshot: "snapshot",
  /** server -> client: the whole pod list (small; replaced, never patched). */
  pods: "pods",
  /** server -> client: the whole topology, sent only when it changed. */
  topology: "topology",
  /** server -> client: a batch of probe samples to append (volatile). */
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
  /** client -> server, with ack. */
  deletePod: "pod:delete",
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
  /** Newest last, bounded by the server. */
  samples: ProbeSample[];
  events: LabEvent[];
  runs: RunSummary[];
  logs: LogLine[];
  /** Whether a destructive action is running right now. */
  busy: boolean;
}

export type Ack<T = unknown> = { ok: true; result?: T } | { ok: false; error: string; status: number };

export interface ServerToClient {
  [EVENTS.snapshot]: (s: Snapshot) => void;
  [EVENTS.pods]: (p: PodState[]) => void;
  [EVENTS.topology]: (t: Topology) => void;
  [EVENTS.probes]: (s: ProbeSample[]) => void;
  [EVENTS.events]: (e: LabEvent[]) => void;
  [EVENTS.run]: (r: RunSummary) => void;
  [EVENTS.logs]: (l: LogLine[]) => void;
  [EVENTS.session]: (s: SessionInfo) => void;
  [EVENTS.busy]: (b: boolean) => void;
}

export interface ClientToServer {
  [EVENTS.deletePod]: (req: unknown, ack: (a: Ack<{ runId: string }>) => void) => void;
}

/** Formats a zod error as one readable line for a 400 response or a socket ack. */
export function describeZodError(err: z.ZodError): string {
  return err.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}
