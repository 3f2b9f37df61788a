// Events are facts, never sentences: `{seq, t, kind, params}`. The browser renders them in the viewer's language
// (lib/i18n), run tracking and the timeline decide from `kind` and `params`, and a replay re-applies them as
// they were. `seq` grows by one per event, so a browser that sees a gap knows it missed one.
import type { GrantableAction } from "./permissions";
import type { PlanNote } from "./planNotes";
import type { PredictionOption, QuestionKind } from "./predictions";
import type { RedisLogKind } from "./redisLog";
import type { DeleteMode, LabKind, NodeRole, ProbeLane } from "./types";

/** A node as an event names it: the seed calls a node by its pod, its short id and its IP. */
export interface NodeRef {
  nodeId: string;
  pod: string | null;
  ip: string;
}

/** A slot list as Redis prints it (`5461-10922`), already formatted: it is Redis's own notation. */
type Slots = string;

export interface LaneDowntimeFact {
  key: string;
  lane: ProbeLane;
  ms: number;
}

/** The facts each kind of event carries. Adding a kind here without a message in every catalogue fails a test. */
export interface EventParams {
  /** `gone`: the pod vanished without being seen Terminating (a crash, or a missed watch event). */
  "pod-deleted": { pod: string; ip: string | null; gone: boolean };
  "pod-recreated": { pod: string; ip: string; oldIp: string };
  "pod-ready": { pod: string };
  "pod-not-ready": { pod: string; reason: string | null };
  "node-pfail": NodeRef;
  "node-fail": NodeRef;
  "node-recovered": NodeRef & { was: "FAIL" | "PFAIL" };
  "node-added": NodeRef & { role: NodeRole; masterId: string | null };
  "node-forgotten": NodeRef;
  "replica-promoted": NodeRef & { slots: Slots };
  "role-changed": NodeRef & {
    role: NodeRole;
    was: NodeRole;
    masterId: string | null;
    wasMasterId: string | null;
    slots: Slots;
  };
  "cluster-state": { state: "ok" | "fail" };
  /** One of Redis's own log lines that tells the story; `line` is Redis's message, shown as it printed it. */
  log: { pod: string; logKind: RedisLogKind; nodeId: string | null; line: string };
  "delete-requested": { actor: string; pod: string; nodeId: string | null; mode: DeleteMode };
  "delete-failed": { actor: string; pod: string; error: string };
  "auto-repair-set": { actor: string; enabled: boolean };
  "lab-reset-started": { actor: string; persistence: boolean | null };
  "lab-reset-done": {
    actor: string;
    /** Absent in journals written before lab A: the cluster lab. */ lab?: LabKind;
  };
  "repair-started": { actor: string; auto: boolean; replanned: boolean; steps: number };
  "grant-changed": { actor: string; action: GrantableAction; to: string; allowed: boolean };
  "repair-step": {
    actor: string;
    index: number;
    count: number;
    step: string;
    ok: boolean;
    pod: string | null;
    nodeId: string | null;
    /** What the step did, or Redis's own error verbatim inside a `stepRedisError` note. */
    detail: PlanNote | null;
  };
  /** Lab A (lib/replicationDiff.ts facts). `masterPod`: the pod the replica's master_host names, if known. */
  "replica-full-resync": { pod: string; masterPod: string | null; keys: number | null };
  "replica-link-down": { pod: string; masterPod: string | null };
  "replica-link-up": { pod: string; masterPod: string | null };
  "replica-master-changed": { pod: string; from: string | null; to: string | null; masterPod: string | null };
  /** `role:` of INFO replication, in Redis's words. */
  "replication-role-changed": { pod: string; from: "master" | "slave"; to: "master" | "slave" };
  "master-replid-changed": { pod: string; keys: number | null };
  "keys-lost": { pod: string; keys: string[]; dbsizeBefore: number | null; dbsizeAfter: number | null };
  /** The write box: `SET key value` on the master (through its Service). */
  "key-set": { actor: string; key: string; value: string };
  "lab-switch-started": { actor: string; lab: LabKind; persistence: boolean | null };
  "lab-switched": { actor: string; lab: LabKind; persistence: boolean | null };
  /** Lab A's run: not downtime but whether the data survived the master's delete (lib/runMetrics.ts dataLoss). */
  "replication-run-ended": {
    runId: string;
    actor: string;
    pod: string;
    recovered: boolean;
    masterAwayMs: number | null;
    lostOnMaster: boolean;
    lostOnReplicas: number;
    keys: string[];
  };
  /** The instructor put a question to the room (lib/predictions.ts); `slot` is the key's slot in lab B. */
  "prediction-opened": {
    actor: string;
    questionId: string;
    question: QuestionKind;
    key: string;
    slot: number | null;
    options: number;
  };
  /** Answers closed, by the instructor or (`actor` null) by the end of the run it waited for. */
  "prediction-closed": {
    actor: string | null;
    questionId: string;
    question: QuestionKind;
    key: string;
    slot: number | null;
    answers: number;
    counts: { option: PredictionOption; count: number }[];
  };
  /** The closing verification (`outcomeHealthy`) or why the run stopped. */
  "repair-finished": { actor: string; ok: boolean; detail: PlanNote | null };
  "run-ended": {
    runId: string;
    actor: string;
    pod: string;
    nodeId: string | null;
    recovered: boolean;
    failAfterMs: number | null;
    promotedAfterMs: number | null;
    downtime: LaneDowntimeFact[];
  };
}

export type EventKind = keyof EventParams;

/** Every kind, in the order a filter lists them; typed so a kind missing here is a compile error. */
export const EVENT_KINDS = Object.keys({
  "pod-deleted": 1,
  "pod-recreated": 1,
  "pod-ready": 1,
  "pod-not-ready": 1,
  "node-pfail": 1,
  "node-fail": 1,
  "node-recovered": 1,
  "node-added": 1,
  "node-forgotten": 1,
  "replica-promoted": 1,
  "role-changed": 1,
  "cluster-state": 1,
  log: 1,
  "delete-requested": 1,
  "delete-failed": 1,
  "auto-repair-set": 1,
  "lab-reset-started": 1,
  "lab-reset-done": 1,
  "repair-started": 1,
  "grant-changed": 1,
  "repair-step": 1,
  "repair-finished": 1,
  "replica-full-resync": 1,
  "replica-link-down": 1,
  "replica-link-up": 1,
  "replica-master-changed": 1,
  "replication-role-changed": 1,
  "master-replid-changed": 1,
  "keys-lost": 1,
  "key-set": 1,
  "lab-switch-started": 1,
  "lab-switched": 1,
  "replication-run-ended": 1,
  "prediction-opened": 1,
  "prediction-closed": 1,
  "run-ended": 1,
} satisfies Record<EventKind, 1>) as EventKind[];

export type LabEventOf<K extends EventKind> = { seq: number; t: number; kind: K; params: EventParams[K] };
export type LabEvent = { [K in EventKind]: LabEventOf<K> }[EventKind];
/** An event before the store gives it its sequence number. */
export type NewEvent = { [K in EventKind]: Omit<LabEventOf<K>, "seq"> }[EventKind];

export function newEvent<K extends EventKind>(kind: K, t: number, params: EventParams[K]): NewEvent {
  return { kind, t, params } as NewEvent;
}

/** Events a person caused (they carry who did it). */
export function actorOf(e: LabEvent | NewEvent): string | null {
  const p = e.params as { actor?: string };
  return typeof p.actor === "string" ? p.actor : null;
}

export function podOf(e: LabEvent | NewEvent): string | null {
  const p = e.params as { pod?: string | null };
  return typeof p.pod === "string" ? p.pod : null;
}

export function nodeIdOf(e: LabEvent | NewEvent): string | null {
  const p = e.params as { nodeId?: string | null };
  return typeof p.nodeId === "string" ? p.nodeId : null;
}

/** Where the fact came from: what the dashboard saw, what Redis logged, or what a person did. */
export function sourceOf(e: LabEvent | NewEvent): "observer" | "log" | "action" {
  if (e.kind === "log") return "log";
  return actorOf(e) !== null && e.kind !== "run-ended" && e.kind !== "replication-run-ended"
    ? "action"
    : "observer";
}
