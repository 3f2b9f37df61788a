// What one low-priority flush hands the reducer. Probe samples arrive every tick; each probes action costs a
// copy of the whole sample buffer (up to 30 minutes), so the probes of one flush become one action. Pure.
import type { StreamAction } from "./clientState";
import type { ProbeSample } from "./types";

/**
 * The batch in arrival order with every probes action merged into one at the place of the last: the probes
 * rule touches only the samples, so no other action's result depends on where they land.
 */
export function coalesceProbes(batch: readonly StreamAction[]): StreamAction[] {
  let samples: ProbeSample[] | null = null;
  let last = -1;
  batch.forEach((a, i) => {
    if (a.name !== "probes") return;
    samples = samples ? samples.concat(a.payload) : a.payload;
    last = i;
  });
  if (samples === null) return [...batch];
  const merged: StreamAction = { type: "stream", name: "probes", payload: samples };
  return batch.flatMap((a, i): StreamAction[] => (i === last ? [merged] : a.name === "probes" ? [] : [a]));
}
