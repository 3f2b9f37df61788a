// When a probe batch may wait for the next low-priority flush and when it must reach the DOM at once. Steady
// samples are batched (a few renders a second are plenty for a timeline); a batch in which a lane turns — its
// reads start failing or answer again — is the moment the room is watching, and waiting up to a flush interval
// for it was most of the page's probe-ok -> DOM time. Pure.
import { laneId } from "./timelineBuckets";
import type { ProbeOutcome, ProbeSample } from "./types";

/** Per lane (lib/timelineBuckets.ts laneId), the outcome of its newest read (by `t`) and that read's `t`. */
export type LaneOutcomes = ReadonlyMap<string, { outcome: ProbeOutcome; t: number }>;

export const NO_OUTCOMES: LaneOutcomes = new Map();

/**
 * Folds a batch into the lanes' newest outcomes. A sample is published when its read answers, so a read that
 * waited for its timeout arrives after newer ones of its lane (server/observe/probes.ts): it is kept where its
 * `t` puts it, but it says nothing about the lane now. `turned`: some lane's newest outcome (ok, nil, error)
 * changed within the batch or from the one held before it. A lane seen for the first time has not turned: the
 * snapshot, or the batch that starts the lane, is drawn anyway.
 */
export function foldOutcomes(
  held: LaneOutcomes,
  samples: readonly ProbeSample[],
): { outcomes: LaneOutcomes; turned: boolean } {
  if (samples.length === 0) return { outcomes: held, turned: false };
  const outcomes = new Map(held);
  let turned = false;
  for (const s of samples) {
    const id = laneId(s.key, s.lane);
    const before = outcomes.get(id);
    if (before !== undefined && s.t < before.t) continue;
    if (before !== undefined && before.outcome !== s.outcome) turned = true;
    outcomes.set(id, { outcome: s.outcome, t: s.t });
  }
  return { outcomes, turned };
}
