// The one file of socket event names and payloads, used by the server and the browser.
// Client -> server payloads are validated with these zod schemas at the server's edge.
import { z } from "zod";
import { GUIDE_STEP_IDS, type GuideStepId, LAB_KINDS } from "./labs";
import { GRANTABLE } from "./permissions";
import type { WireBatch } from "./probeWire";
import type { RepairPlan } from "./repairPlan";
import type { PlanNote } from "./planNotes";
import type { LabEvent } from "./events";
import type { JoinAddresses } from "./joinUrls";
import type { Grants } from "./permissions";
import type { LogMark, RedisLogRoleChar } from "./redisLog";
import type { LabState, LabStateDelta } from "./labs/labState";
import type { PodEvidence } from "./labs/podEvidence";
import type { PresenceDelta } from "./presenceDelta";
import { type PredictionView, QUESTION_KINDS } from "./predictions";
import type {
  DeleteMode,
  LabInfo,
  LabKind,
  PlatformStatus,
  PodState,
  ProbeSample,
  Role,
  RunSummary,
} from "./types";

/** Longest display name a person may pick. */
export const MAX_NAME = 40;
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
export const grantRequestSchema = z
  .object({
    action: z.enum(GRANTABLE),
    to: z.union([z.literal("everyone"), z.string().min(1).max(MAX_NAME)]),
    allowed: z.boolean(),
  })
  .strict();
/** `guide:step`: the instructor moves the room to a step of the lab guide (null: back to what the lab shows). */
export const guideStepRequestSchema = z.object({ step: z.enum(GUIDE_STEP_IDS).nullable() }).strict();
export type { GuideStepId } from "./labs";
export const evidenceRequestSchema = z.object({ pod: podNameSchema }).strict();
export const labKindSchema = z.enum(LAB_KINDS) satisfies z.ZodType<LabKind>;
/** `POST /api/lab` and `lab:switch`: stop every pod of the running lab and start this one. */
export const switchLabRequestSchema = z
  .object({ lab: labKindSchema, persistence: z.boolean().optional() })
  .strict();
/** Longest key and value the write box takes: the seed writes `a` = `3333`; this is a classroom, not a load test. */
export const MAX_KEY_LENGTH = 64;
export const MAX_VALUE_LENGTH = 512;
/** `POST /api/keys` and `key:set`: `SET key value` on the master of the replication lab. */
export const setKeyRequestSchema = z
  .object({
    key: z
      .string()
      .min(1)
      .max(MAX_KEY_LENGTH)
      .regex(/^[\x21-\x7e]+$/, "printable ASCII without spaces"),
    value: z.string().max(MAX_VALUE_LENGTH),
  })
  .strict();

/** `prediction:open`: the instructor puts one of the measurable questions (lib/predictions.ts) to the room. */
export const predictionOpenRequestSchema = z.object({ question: z.enum(QUESTION_KINDS) }).strict();
/** Longest question or option id the server hands out (`q-…`, `p3`, `r2`, `kept`). */
export const MAX_PREDICTION_ID = 40;
/** `prediction:answer`: names the question, so an answer sent just before the next one opened is refused. */
export const predictionAnswerRequestSchema = z
  .object({
    questionId: z.string().min(1).max(MAX_PREDICTION_ID),
    option: z.string().min(1).max(MAX_PREDICTION_ID),
  })
  .strict();
export const predictionCloseRequestSchema = z.object({}).strict();

export type RepairStepStatus = "pending" | "running" | "ok" | "failed";

export interface RepairStepResult {
  status: RepairStepStatus;
  /** What happened (forgotten on 5 nodes in 3 ms), or Redis's own error verbatim inside `stepRedisError`. */
  detail: PlanNote | null;
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
  outcome: PlanNote | null;
}

export type { PodEvidence, PodEvidenceBase } from "./labs/podEvidence";

/**
 * The server's streams, one table for the hub and the browser: how a payload joins the browser's copy
 * (`replace` it whole, `append` to a bounded list, `upsert` by id, `patch` a versioned copy by a delta),
 * whether a slow browser may drop it (`volatile`: the next batch supersedes it), and whether the browser batches
 * it into a low-priority render (`batched`: the steady streams) or renders it at once (a failover must reach the
 * DOM fast).
 */
export const STREAMS = {
  pods: { apply: "replace", volatile: false, batched: false },
  /**
   * What the lab observes (lab B: the topology; lab A: replication and AOF), as a change against the version the
   * browser holds (lib/labs/labStateDelta.ts); the whole state is in the snapshot. Drawn at once: it is the failover.
   * The server may hold a change that moves nothing the room watches (its lab's `canWait`) for a few tens of ms.
   */
  labState: { apply: "patch", volatile: false, batched: false },
  probes: { apply: "append", volatile: true, batched: true },
  /** Not steady: a handful per failover, each the fact the room is watching for, so drawn at once. */
  events: { apply: "append", volatile: false, batched: false },
  run: { apply: "upsert", volatile: false, batched: true },
  logs: { apply: "append", volatile: false, batched: true },
  busy: { apply: "replace", volatile: false, batched: false },
  repair: { apply: "replace", volatile: false, batched: false },
  settings: { apply: "replace", volatile: false, batched: false },
  platformStatus: { apply: "replace", volatile: false, batched: false },
  grants: { apply: "replace", volatile: false, batched: false },
  /** A change against the version the browser holds (lib/presenceDelta.ts); the whole list is in the snapshot. */
  presence: { apply: "patch", volatile: false, batched: true },
  prediction: { apply: "replace", volatile: false, batched: true },
  guide: { apply: "replace", volatile: false, batched: false },
} as const satisfies Record<
  string,
  { apply: "replace" | "append" | "upsert" | "patch"; volatile: boolean; batched: boolean }
>;

/** What each stream carries on the wire. */
export interface StreamPayloads {
  pods: PodState[];
  /** Applies to the held state when `base` is its version; otherwise the browser asks for a snapshot. */
  labState: LabStateDelta;
  /** Compact rows (lib/probeWire.ts). */
  probes: WireBatch;
  /** Sequenced: `seq` is one more than the last one sent, so a gap means a missed event. */
  events: LabEvent[];
  run: RunSummary;
  logs: LogLine[];
  busy: BusyHolder | null;
  repair: RepairRun;
  settings: LabSettings;
  /** What the platform cannot see now (API unreachable, refused logs). */
  platformStatus: PlatformStatus;
  /** What the instructor allows students, to everyone and by name. */
  grants: Grants;
  /** Who came, left or changed since the version the browser holds; a gap asks for a snapshot. */
  presence: PresenceDelta;
  /** The question put to the room (issue 10, "predict, then watch"), or null. */
  prediction: PredictionView | null;
  /** The step of the lab guide the instructor has put the room on. */
  guide: GuideFocus;
}

/** Where the instructor has put the room: students' guides follow it (the projector shows its panels). */
export interface GuideFocus {
  step: GuideStepId | null;
  by: string | null;
  at: number | null;
}
export const NO_GUIDE_FOCUS: GuideFocus = { step: null, by: null, at: null };

/** One person in the room (several tabs of one browser are one person). */
export interface PresenceEntry {
  name: string;
  role: Role;
  connections: number;
}

export type StreamName = keyof typeof STREAMS & keyof StreamPayloads;

/** A stream's payload once off the wire: probe samples decoded. What the store emits and the reducer applies. */
export type DecodedPayloads = { [K in StreamName]: K extends "probes" ? ProbeSample[] : StreamPayloads[K] };
export const STREAM_NAMES = Object.keys(STREAMS) as StreamName[];
/** The streams that travel as changes against a version (STREAMS `patch`). */
export type VersionedStream = {
  [K in StreamName]: (typeof STREAMS)[K]["apply"] extends "patch" ? K : never;
}[StreamName];

export const EVENTS = {
  /** server -> client: full state, on connect and whenever the client asks again. */
  snapshot: "snapshot",
  /** server -> client: who the server thinks this client is. */
  session: "session",
  /**
   * server -> client: what the streams (STREAMS) published within a few milliseconds (server/streamOutbox.ts), in
   * the order published, as one message: a failover publishes the topology, its events and a run update together,
   * and with 300 browsers each message is 300 socket writes (bench:latency: 57 % of them shared a loop turn).
   */
  streams: "streams",
  /** client -> server: send me a snapshot again (the browser saw a gap in the event sequence). */
  resync: "snapshot:request",
  /** client -> server, with ack. */
  setGrant: "grants:set",
  deletePod: "pod:delete",
  repairPlan: "repair:plan",
  repairExecute: "repair:execute",
  autoRepair: "repair:auto",
  resetLab: "lab:reset",
  evidence: "pod:evidence",
  setKey: "key:set",
  switchLab: "lab:switch",
  predictionOpen: "prediction:open",
  predictionAnswer: "prediction:answer",
  predictionClose: "prediction:close",
  guideStep: "guide:step",
} as const;

/** Who the server thinks this browser is: the role comes from the token only, the name is unique in the room. */
export interface SessionInfo {
  role: Role;
  name: string;
  /** Where students reach this server, for the join code (a phone cannot open the instructor's localhost). */
  join: JoinAddresses;
}

/** What lab runs where (lib/types.ts: pure domain data, the guides read it too). */
export type { LabInfo } from "./types";

export interface LogLine {
  pod: string;
  t: number;
  /** The line as the pod printed it. */
  line: string;
  /** Parsed once, on the server (lib/redisLog.ts); null for a line that is not a Redis log line. */
  redis: {
    roleChar: RedisLogRoleChar;
    /** `04:15:05.953`, as the line printed it. */
    time: string;
    message: string;
    mark: LogMark | null;
  } | null;
}

/** Who holds the one destructive-action lock, so a refused second click can say who is doing what. */
export interface BusyHolder {
  action: "delete" | "repair" | "reset" | "lab";
  actor: string;
  pod?: string;
}

/** Everything a browser needs to draw the dashboard from scratch. */
export interface Snapshot {
  lab: LabInfo;
  pods: PodState[];
  labState: LabState;
  /** The version of `labState`: the next `labState` delta has it as its base. */
  labStateVersion: number;
  /** Newest last, bounded by the server; compact on the wire (lib/probeWire.ts). */
  samples: WireBatch;
  events: LabEvent[];
  /** The seq of the last event the server made (0 before any): deltas continue from here. */
  seq: number;
  runs: RunSummary[];
  logs: LogLine[];
  /** The destructive action running right now, or null. */
  busy: BusyHolder | null;
  repair: RepairRun | null;
  settings: LabSettings;
  platformStatus: PlatformStatus;
  grants: Grants;
  presence: PresenceEntry[];
  /** The version of `presence`: the next `presence` delta has it as its base. */
  presenceVersion: number;
  prediction: PredictionView | null;
  guide: GuideFocus;
}

export interface LabSettings {
  autoRepair: boolean;
  /** null where the platform decides (kubernetes: the chart's values). */
  persistence: boolean | null;
  canReset: boolean;
  /**
   * Whether a lab switch or reset chooses persistence. false on kubernetes: the chart's values decide, and
   * a switch only starts observing the other lab's release.
   */
  choosesPersistence: boolean;
  /** When the last lab reset began (ms), null if none: runs before it are about pods and ids that are gone. */
  resetAt: number | null;
}

export type Ack<T = unknown> = { ok: true; result?: T } | ({ ok: false; status: number } & ErrorBody);

/** A refusal, over HTTP and in socket acks: a stable `code` with its facts, and the English sentence for curl. */
export interface ErrorBody {
  error: string;
  code: string;
  params?: Record<string, string | number>;
}

/** One stream's message, as it travels inside EVENTS.streams. */
export type StreamMessage = { [K in StreamName]: [K, StreamPayloads[K]] }[StreamName];

/** The payloads of one stream in an EVENTS.streams message, in order (for clients that follow one stream). */
export function payloadsOf<K extends StreamName>(messages: StreamMessage[], name: K): StreamPayloads[K][] {
  return messages.filter((m) => m[0] === name).map((m) => m[1] as StreamPayloads[K]);
}

export interface ServerToClient {
  [EVENTS.streams]: (messages: StreamMessage[]) => void;
  [EVENTS.snapshot]: (s: Snapshot) => void;
  [EVENTS.session]: (s: SessionInfo) => void;
}

export interface ClientToServer {
  [EVENTS.resync]: () => void;
  [EVENTS.setGrant]: (req: unknown, ack: (a: Ack<Grants>) => void) => void;
  [EVENTS.deletePod]: (req: unknown, ack: (a: Ack<{ runId: string }>) => void) => void;
  [EVENTS.repairPlan]: (req: unknown, ack: (a: Ack<RepairPlan>) => void) => void;
  [EVENTS.repairExecute]: (req: unknown, ack: (a: Ack<RepairRun>) => void) => void;
  [EVENTS.autoRepair]: (req: unknown, ack: (a: Ack<LabSettings>) => void) => void;
  [EVENTS.resetLab]: (req: unknown, ack: (a: Ack<LabSettings>) => void) => void;
  [EVENTS.evidence]: (req: unknown, ack: (a: Ack<PodEvidence>) => void) => void;
  [EVENTS.setKey]: (req: unknown, ack: (a: Ack<SetKeyResult>) => void) => void;
  [EVENTS.switchLab]: (req: unknown, ack: (a: Ack<LabInfo>) => void) => void;
  [EVENTS.predictionOpen]: (req: unknown, ack: (a: Ack<PredictionView>) => void) => void;
  [EVENTS.predictionAnswer]: (req: unknown, ack: (a: Ack<PredictionAnswer>) => void) => void;
  [EVENTS.predictionClose]: (req: unknown, ack: (a: Ack<PredictionView>) => void) => void;
  [EVENTS.guideStep]: (req: unknown, ack: (a: Ack<GuideFocus>) => void) => void;
}

/** What the server recorded as this person's answer (the room only sees counts). */
export interface PredictionAnswer {
  questionId: string;
  option: string;
}

/** What `SET` on the master answered, and the `redis-cli` line it equals. */
export interface SetKeyResult {
  key: string;
  value: string;
  reply: string;
  command: string;
}

/** Formats a zod error as one readable line for a 400 response or a socket ack. */
export function describeZodError(err: z.ZodError): string {
  return err.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}
