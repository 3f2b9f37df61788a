// "Predict, then watch" (issue 10): a question the instructor puts to the room before a delete, answered on the
// students' devices and scored against what the dashboard measured in the run that follows. Only questions the
// dashboard can measure are offered, so the answer shown as right is a measurement, never an opinion.
import { keySlot } from "./slots";
import type { LabKind, NodeSummary, ProbeLane, RunSummary, Topology } from "./types";

export const QUESTION_KINDS = ["newMaster", "downtime", "replicaRead"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** What each lab can measure: lab B's new master and outage, lab A's replica read after the master's delete. */
export const QUESTIONS_OF_LAB: Record<LabKind, readonly QuestionKind[]> = {
  cluster: ["newMaster", "downtime"],
  replication: ["replicaRead"],
};

/**
 * One answer a student can pick. `pod`: a pod name (Redis's own word, never translated). `range`: a span of
 * downtime, `toMs` null for "more than". `value`: what a replica reads — id `kept` (the value the master had
 * when the question opened, null if not read yet) or id `nil` (`(nil)`).
 */
export type PredictionOption =
  | { id: string; kind: "pod"; pod: string; replicaOf: boolean }
  | { id: string; kind: "range"; fromMs: number; toMs: number | null }
  | { id: string; kind: "value"; value: string | null };

export interface PredictionQuestion {
  id: string;
  kind: QuestionKind;
  key: string;
  /** The key's slot (lab B's questions), null in lab A. */
  slot: number | null;
  /** The master of the slot when the question was opened (newMaster), or null. */
  masterPod: string | null;
  options: PredictionOption[];
  openedAt: number;
  openedBy: string;
}

/** What was measured for the question, and which option it falls in (null: none of them). */
export type PredictionMeasure =
  | { kind: "pod"; pod: string | null }
  | { kind: "duration"; ms: number | null; lane: ProbeLane | null }
  /** `lost`: the replicas read `(nil)` after the run; null when the run has no lab A facts. */
  | { kind: "value"; lost: boolean | null };

export interface PredictionResult {
  runId: string;
  runStatus: RunSummary["status"];
  measured: PredictionMeasure;
  correct: string | null;
}

/**
 * The room's copy of the question: while it is open only the number of answers travels (so nobody is swayed
 * by the others' choices); the counts once it is closed; the result once the run it waited for has ended.
 */
export interface PredictionView {
  question: PredictionQuestion;
  status: "open" | "closed" | "scored";
  answers: number;
  counts: Record<string, number> | null;
  /** The run this question is about: the first one started after it was opened. */
  runId: string | null;
  closedAt: number | null;
  result: PredictionResult | null;
}

/** Why a question cannot be asked now (the error's `reason`). */
export type UnavailableReason = "lab" | "master" | "key";

export type BuildResult =
  { ok: true; question: PredictionQuestion } | { ok: false; reason: UnavailableReason; slot?: number };

export interface QuestionContext {
  id: string;
  lab: LabKind;
  keys: string[];
  topology: Topology;
  nodeTimeoutMs: number;
  /** Lab A: the key's value as the master read it last (null: `(nil)` or not read yet). */
  lastValue: string | null;
  now: number;
  actor: string;
}

/**
 * Downtime ranges in units of the configured node timeout: a master is marked FAIL after about the node
 * timeout and its replica promoted about half of it later plus the election delay (DESIGN §3), so with 15 s the
 * seed's ~21 s lands in "15–30 s", and a faster test cluster keeps the same proportions.
 */
export function downtimeRanges(nodeTimeoutMs: number): PredictionOption[] {
  const edges = [0, nodeTimeoutMs / 2, nodeTimeoutMs, 2 * nodeTimeoutMs];
  return edges.map((fromMs, i) => ({
    id: `r${i}`,
    kind: "range" as const,
    fromMs,
    toMs: i + 1 < edges.length ? edges[i + 1] : null,
  }));
}

/** The option a duration falls in: `[fromMs, toMs)`. */
export function rangeOf(options: PredictionOption[], ms: number): string | null {
  for (const o of options) {
    if (o.kind === "range" && ms >= o.fromMs && (o.toMs === null || ms < o.toMs)) return o.id;
  }
  return null;
}

function isLive(n: NodeSummary): boolean {
  return n.pod !== null && !n.flags.some((f) => f === "fail" || f === "pfail");
}

/** The pod of the live master that serves `slot` now, or null. */
export function masterPodOfSlot(topology: Topology, slot: number): string | null {
  const master = topology.nodes.find(
    (n) => n.role === "master" && isLive(n) && n.slots.some(([a, b]) => slot >= a && slot <= b),
  );
  return master?.pod ?? null;
}

/**
 * "Which node becomes master of slot X?": every other pod of the cluster, in name order so that the order does
 * not give the answer away. In a 3+3 cluster the master has one replica; offering only it would leave nothing
 * to predict, and seeing that a master of other slots cannot take over is part of the lesson.
 */
export function newMasterOptions(topology: Topology, slot: number): PredictionOption[] | null {
  const master = topology.nodes.find(
    (n) => n.role === "master" && isLive(n) && n.slots.some(([a, b]) => slot >= a && slot <= b),
  );
  if (!master?.pod) return null;
  const others = topology.nodes.filter((n) => isLive(n) && n.id !== master.id && n.pod !== master.pod);
  const replicaOf = (n: NodeSummary) => n.role === "replica" && n.masterId === master.id;
  const pods = [...new Map(others.map((n) => [n.pod!, replicaOf(n)])).entries()];
  pods.sort(([a], [b]) => a.localeCompare(b));
  if (!pods.some(([, r]) => r)) return null;
  return pods.map(([pod, r], i) => ({ id: `p${i}`, kind: "pod" as const, pod, replicaOf: r }));
}

export function buildQuestion(kind: QuestionKind, ctx: QuestionContext): BuildResult {
  if (!QUESTIONS_OF_LAB[ctx.lab].includes(kind)) return { ok: false, reason: "lab" };
  const key = ctx.keys[0];
  if (!key) return { ok: false, reason: "key" };
  const base = { id: ctx.id, kind, key, openedAt: ctx.now, openedBy: ctx.actor };
  switch (kind) {
    case "newMaster": {
      const slot = keySlot(key);
      const options = newMasterOptions(ctx.topology, slot);
      if (!options) return { ok: false, reason: "master", slot };
      const masterPod = masterPodOfSlot(ctx.topology, slot);
      return { ok: true, question: { ...base, slot, masterPod, options } };
    }
    case "downtime":
      return {
        ok: true,
        question: {
          ...base,
          slot: keySlot(key),
          masterPod: null,
          options: downtimeRanges(ctx.nodeTimeoutMs),
        },
      };
    case "replicaRead":
      return {
        ok: true,
        question: {
          ...base,
          slot: null,
          masterPod: null,
          options: [
            { id: "kept", kind: "value", value: ctx.lastValue },
            { id: "nil", kind: "value", value: null },
          ],
        },
      };
  }
}

/** How many chose each option (every option listed, 0 included); answers naming no option are not counted. */
export function tally(question: PredictionQuestion, answers: Iterable<string>): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(question.options.map((o) => [o.id, 0]));
  for (const a of answers) if (a in counts) counts[a]++;
  return counts;
}

export interface ScoreContext {
  /** The topology when the run ended: who serves the slot now. */
  topology: Topology;
  /** Lab A: the master pod when the run ended, to tell a replica's loss from the master's. */
  masterPod: string | null;
}

/** The question against the run's measurement: the slot's master after it, the key's longest outage, the replicas' data. */
export function scorePrediction(
  question: PredictionQuestion,
  run: RunSummary,
  ctx: ScoreContext,
): PredictionResult {
  const base = { runId: run.id, runStatus: run.status };
  switch (question.kind) {
    case "newMaster": {
      const pod = question.slot === null ? null : masterPodOfSlot(ctx.topology, question.slot);
      const hit = question.options.find((o) => o.kind === "pod" && o.pod === pod);
      return { ...base, measured: { kind: "pod", pod }, correct: hit?.id ?? null };
    }
    case "downtime": {
      const lanes = run.lanes.filter((l) => l.key === question.key && l.totalReads > 0);
      if (lanes.length === 0)
        return { ...base, measured: { kind: "duration", ms: null, lane: null }, correct: null };
      // The longest lane: what a student watching either read loop saw at worst.
      const worst = lanes.reduce((a, b) => (b.downtimeMs > a.downtimeMs ? b : a));
      return {
        ...base,
        measured: { kind: "duration", ms: worst.downtimeMs, lane: worst.lane },
        correct: rangeOf(question.options, worst.downtimeMs),
      };
    }
    case "replicaRead": {
      const facts = run.replication;
      if (!facts) return { ...base, measured: { kind: "value", lost: null }, correct: null };
      const lost = facts.lost.some((l) => l.pod !== ctx.masterPod && l.keys.includes(question.key));
      return { ...base, measured: { kind: "value", lost }, correct: lost ? "nil" : "kept" };
    }
  }
}

/** A question's view as the room sees it; counts only once no answer can change. */
export function predictionView(
  question: PredictionQuestion,
  status: PredictionView["status"],
  answers: Iterable<string>,
  extra: { runId: string | null; closedAt: number | null; result: PredictionResult | null },
): PredictionView {
  const list = [...answers];
  return {
    question,
    status,
    answers: list.length,
    counts: status === "open" ? null : tally(question, list),
    ...extra,
  };
}
