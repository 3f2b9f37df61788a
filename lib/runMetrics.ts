// Downtime maths for a run (one delete -> recovery). Resolution is the probe interval: an outage is
// measured from the first failing sample to the first sample that succeeds again.
import { isCliError } from "./cliReply";
import type { LaneDowntime, ProbeLane, ProbeSample, RunSummary } from "./types";

/** Enough to tell a refused connection from CLUSTERDOWN and a redirect loop; more would be the same again. */
const MAX_REPLIES = 3;

/** Downtime of one key on one lane within [from, to]. A `nil` read is an answer, not unavailability. */
export function laneDowntime(
  samples: ProbeSample[],
  key: string,
  lane: ProbeLane,
  from: number,
  to: number | null,
): LaneDowntime {
  const mine = samples
    .filter((s) => s.key === key && s.lane === lane && s.t >= from && (to === null || s.t <= to))
    .sort((a, b) => a.t - b.t);

  let downtimeMs = 0;
  let failedReads = 0;
  let firstFailureAt: number | null = null;
  let recoveredAt: number | null = null;
  let outageStart: number | null = null;
  let lastFailure = 0;
  const replies: string[] = [];

  for (const s of mine) {
    if (s.outcome === "error") {
      failedReads++;
      lastFailure = s.t;
      if (outageStart === null) outageStart = s.t;
      if (firstFailureAt === null) firstFailureAt = s.t;
      if (s.value && isCliError(s.value) && replies.length < MAX_REPLIES && !replies.includes(s.value))
        replies.push(s.value);
    } else if (outageStart !== null) {
      downtimeMs += s.t - outageStart;
      if (recoveredAt === null) recoveredAt = s.t;
      outageStart = null;
    }
  }
  // Still failing at the last sample: count what has been seen, not a guess of when it will end.
  if (outageStart !== null) downtimeMs += lastFailure - outageStart;

  const d: LaneDowntime = {
    key,
    lane,
    downtimeMs,
    failedReads,
    totalReads: mine.length,
    firstFailureAt,
    recoveredAt,
  };
  if (replies.length) d.replies = replies;
  return d;
}

/** Reads that answered `nil`: in the master/replica lab this is the data loss, not an outage. */
export function nilReads(
  samples: ProbeSample[],
  key: string,
  lane: ProbeLane,
  from: number,
  to: number | null,
) {
  return samples.filter(
    (s) =>
      s.key === key && s.lane === lane && s.outcome === "nil" && s.t >= from && (to === null || s.t <= to),
  ).length;
}

const LANE_ORDER: string[] = ["cluster", "fresh", "master", "replica-0", "replica-1", "replicas-svc"];

/** Lab A's lanes that read a replica: while the master is away they still answer, with what they last copied. */
export const REPLICA_LANES: ProbeLane[] = ["replica-0", "replica-1", "replicas-svc"];

/** Replica reads that answered a value in [from, to]: stale while the master is away, and correct if it persists. */
export function staleReads(samples: ProbeSample[], from: number, to: number): number {
  return samples.filter(
    (s) => REPLICA_LANES.includes(s.lane) && s.outcome === "ok" && s.t >= from && s.t <= to,
  ).length;
}

/**
 * What a lab A run says happened to the data, from the `keys-lost` facts: lost on the master and on how many
 * replicas, and which keys. Null when nothing was lost.
 */
export function dataLoss(
  lost: { pod: string; keys: string[] }[],
  masterPod: (pod: string) => boolean,
): { master: boolean; replicas: number; keys: string[] } | null {
  if (lost.length === 0) return null;
  const keys = [...new Set(lost.flatMap((l) => l.keys))].sort();
  return {
    master: lost.some((l) => masterPod(l.pod)),
    replicas: lost.filter((l) => !masterPod(l.pod)).length,
    keys,
  };
}

function laneRank(lane: string): number {
  const i = LANE_ORDER.indexOf(lane);
  return i < 0 ? LANE_ORDER.length : i;
}

/** The run with `lanes` filled for every key × lane that has samples in the run's window. */
export function summarizeRun(run: RunSummary, samples: ProbeSample[], now: number): RunSummary {
  const to = run.endedAt ?? now;
  const inRun = samples.filter((s) => s.t >= run.startedAt && s.t <= to);
  const pairs = new Map<string, { key: string; lane: ProbeLane }>();
  for (const s of inRun) pairs.set(JSON.stringify([s.key, s.lane]), { key: s.key, lane: s.lane });

  // The run's own key order first (a, b, c as configured), then any others.
  const keyRank = (k: string) => {
    const i = run.keys.indexOf(k);
    return i < 0 ? run.keys.length : i;
  };
  const ordered = [...pairs.values()].sort(
    (a, b) =>
      keyRank(a.key) - keyRank(b.key) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) ||
      laneRank(a.lane) - laneRank(b.lane) ||
      (a.lane < b.lane ? -1 : a.lane > b.lane ? 1 : 0),
  );
  return { ...run, lanes: ordered.map(({ key, lane }) => laneDowntime(inRun, key, lane, run.startedAt, to)) };
}

/** Nearest-rank percentile, p in 0..100; NaN for no values. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const clamped = Math.min(100, Math.max(0, p));
  const rank = Math.max(1, Math.ceil((clamped / 100) * sorted.length));
  return sorted[rank - 1];
}

/** A run as it starts: who deleted what, nothing measured yet. */
export function startRun(
  fields: Pick<RunSummary, "id" | "pod" | "nodeId" | "role" | "mode" | "actor" | "startedAt" | "keys">,
): RunSummary {
  return {
    ...fields,
    endedAt: null,
    status: "running",
    failAfterMs: null,
    promotedAfterMs: null,
    clusterOkAfterMs: null,
    podReadyAfterMs: null,
    promotedNodeId: null,
    outcome: null,
    returnedAfterMs: null,
    returnedNodeId: null,
    lanes: [],
  };
}
