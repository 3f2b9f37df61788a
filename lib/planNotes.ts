// What the repair planner and executor say, as facts: a code with its params, never a sentence. The browser
// renders a note in the viewer's language (lib/i18n/planText.ts); the server renders it in English for the
// HTTP API. A param may itself be a note (a pod's state inside a refusal) or a list of notes.

/** `yes`/`no` rather than booleans: ICU `select` chooses on strings. */
export type YesNo = "yes" | "no";

/** Params of every code, by code. A code without an entry in lib/i18n/{en,ko}/plan.ts fails the typecheck. */
export interface PlanNoteParams {
  // A pod whose word cannot be used.
  podPending: { pod: string };
  podTerminating: { pod: string };
  podNoIp: { pod: string };
  podNotRead: { pod: string };
  podUnreachable: { pod: string; error: string };
  podOldIp: { pod: string; oldIp: string; ip: string };
  podStale: { pod: string; seconds: number };
  podNoSelf: { pod: string };
  podSameId: { pod: string; nodeId: string; other: string };
  // How an orphan stands.
  howAlone: { pod: string; nodeId: string; state: string };
  howUnknown: { pod: string; nodeId: string; known: number; peers: number };
  ghostLabel: { nodeId: string; flags: string; addr: string; hostname: string };
  // Why a ghost is kept.
  notFailedByMajority: { fail: number; knowers: number; pfail: number };
  holdsUncoveredSlots: { slots: string };
  mayBeThisNode: { state: PlanNote; ip: string };
  // Findings.
  findingStillFlagged: { pod: string; nodeId: string };
  findingNotOwned: { nodeId: string };
  findingGhost: { nodeId: string; flags: string; pods: number };
  findingAlone: { pod: string };
  findingUnknown: { pod: string };
  findingNoReplica: { nodeId: string; pod: string; slots: string };
  findingEmptyMaster: { pod: string; nodeId: string };
  findingSlotsLost: { slots: string; nodeId: string; replica: YesNo };
  // Refusals.
  refuseNotRunning: { state: PlanNote };
  refuseUnusable: { state: PlanNote };
  refuseForgetOwned: { nodeId: string; pod: string; ip: string; failed: number; peers: number; addr: string };
  refuseForget: { label: PlanNote; objections: PlanNote[] };
  refuseMeetSlots: { pod: string; how: PlanNote; slots: string };
  refuseReplicateSlots: { pod: string; slots: string };
  refuseMeetNoCluster: { pod: string; how: PlanNote };
  refuseReplicateKeys: { pod: string; keys: number };
  refuseFailoverPending: { pod: string; nodeId: string };
  refuseNoMaster: { pod: string };
  refuseSlotsLost: { slots: string; nodeId: string };
  // Why each step.
  forgetReason: { label: PlanNote; fail: number; knowers: number; ban: number; lost: YesNo };
  meetReason: { how: PlanNote; via: string; ip: string };
  replicateReason: {
    pod: string;
    nodeId: string;
    isNew: YesNo;
    master: string;
    masterPod: string;
    slots: string;
    hadNone: YesNo;
    replicas: number;
  };
  takeoverReason: { pod: string; nodeId: string; masterId: string; slots: string };
  addSlotsReason: { pod: string; nodeId: string; masterId: string; slots: string; isNew: YesNo };
  alternativeReason: { ban: number };
  // The summary and its to-do list.
  summaryHealthy: { masters: number };
  summaryRepair: { findings: PlanNote[]; todo: PlanNote[]; steps: number; refused: number };
  todoForget: { nodeId: string; nodes: number; ban: number };
  todoMeet: { pod: string; ip: string; via: string };
  todoReplicate: { pod: string; master: string; masterPod: string };
  todoTakeover: { pod: string; slots: string };
  todoAddSlots: { pod: string; slots: string };
  // Step titles, in redis-cli terms.
  titleForget: { nodeId: string; nodes: number };
  titleMeet: { ip: string; port: number; via: string };
  titleReplicate: { master: string; masterPod: string; pod: string };
  titleTakeover: { pod: string };
  titleAddSlots: { slots: string; pod: string };
  forgetTiming: { nodes: number; ban: number };
  // What a step did when it ran (lib/protocol's RepairStepResult), and how the run ended.
  stepForgotten: { nodes: number; ms: number };
  stepMet: { pod: string; via: string; ms: number };
  stepReplicated: { pod: string; master: string; ms: number };
  stepTookOver: { pod: string; slots: string; ms: number };
  stepSlotsAdded: { pod: string; slots: string; ms: number };
  /** Redis's own answer, verbatim (`ERR Unknown node …`), with the pod that gave it where there is one. */
  stepRedisError: { pod: string; error: string };
  stepNoIp: { pod: string };
  stepTimedOut: { wait: StepWait; pod: string };
  outcomeHealthy: { masters: number; replicas: number; ms: number };
  outcomeStepFailed: { index: number; step: string; detail: PlanNote };
  outcomeError: { error: string };
}

/** What a step waits for before it counts as done. */
export type StepWait =
  "knowCluster" | "acceptReplicate" | "isReplica" | "isMaster" | "servesSlots" | "healthy";

export type PlanCode = keyof PlanNoteParams;

export type PlanNote = { [K in PlanCode]: { code: K; params: PlanNoteParams[K] } }[PlanCode];

export function note<K extends PlanCode>(code: K, params: PlanNoteParams[K]): PlanNote {
  return { code, params } as PlanNote;
}

export const yesNo = (b: boolean): YesNo => (b ? "yes" : "no");

/** Every code once: the catalogue test renders each of them in both languages. */
export const PLAN_CODES: Record<PlanCode, 1> = {
  podPending: 1,
  podTerminating: 1,
  podNoIp: 1,
  podNotRead: 1,
  podUnreachable: 1,
  podOldIp: 1,
  podStale: 1,
  podNoSelf: 1,
  podSameId: 1,
  howAlone: 1,
  howUnknown: 1,
  ghostLabel: 1,
  notFailedByMajority: 1,
  holdsUncoveredSlots: 1,
  mayBeThisNode: 1,
  findingStillFlagged: 1,
  findingNotOwned: 1,
  findingGhost: 1,
  findingAlone: 1,
  findingUnknown: 1,
  findingNoReplica: 1,
  findingEmptyMaster: 1,
  findingSlotsLost: 1,
  refuseNotRunning: 1,
  refuseUnusable: 1,
  refuseForgetOwned: 1,
  refuseForget: 1,
  refuseMeetSlots: 1,
  refuseReplicateSlots: 1,
  refuseMeetNoCluster: 1,
  refuseReplicateKeys: 1,
  refuseFailoverPending: 1,
  refuseNoMaster: 1,
  refuseSlotsLost: 1,
  forgetReason: 1,
  meetReason: 1,
  replicateReason: 1,
  takeoverReason: 1,
  addSlotsReason: 1,
  alternativeReason: 1,
  summaryHealthy: 1,
  summaryRepair: 1,
  todoForget: 1,
  todoMeet: 1,
  todoReplicate: 1,
  todoTakeover: 1,
  todoAddSlots: 1,
  titleForget: 1,
  titleMeet: 1,
  titleReplicate: 1,
  titleTakeover: 1,
  titleAddSlots: 1,
  forgetTiming: 1,
  stepForgotten: 1,
  stepMet: 1,
  stepReplicated: 1,
  stepTookOver: 1,
  stepSlotsAdded: 1,
  stepRedisError: 1,
  stepNoIp: 1,
  stepTimedOut: 1,
  outcomeHealthy: 1,
  outcomeStepFailed: 1,
  outcomeError: 1,
};
