// The browser's probe samples: 30 minutes of every lane, bounded by time and by count, so a projector left open
// all day stays as fast as it was at the start whatever the probe interval. Kept apart from the dashboard state
// (components/lab/sampleStore.ts): a probe batch arrives several times a second and must redraw only the panels
// that draw samples. Pure.
import { insertSorted } from "./sortedInsert";
import type { ProbeSample } from "./types";

export const SAMPLE_WINDOW_MS = 30 * 60_000;
/** 30 minutes of 3 keys × 2 lanes at a 50 ms interval; a faster interval keeps fewer minutes, never more memory. */
export const MAX_SAMPLES = 216_000;
/**
 * How much older than the newest sample a sample may still arrive: a read is published when it answers, within
 * its 1 s timeout (server/observe/probes.ts PROBE_READ_TIMEOUT_MS), and the server relays steady ones once a
 * second (server/probeRelay.ts); the rest is room for a loaded machine's event loops.
 */
export const LATE_SAMPLE_MS = 5000;

/**
 * `list` with `add` put in by time, the oldest dropped by time and by count; `list` itself is left as it was.
 * One copy per batch, not three: at 30 minutes the buffer is up to MAX_SAMPLES long, and copying it was the idle
 * page's top cost. The trim by time and by count and the insertion share that one copy.
 */
export function appendSamples(
  list: readonly ProbeSample[],
  add: readonly ProbeSample[],
): readonly ProbeSample[] {
  if (add.length === 0) return list;
  if (add.length >= MAX_SAMPLES) return add.slice(add.length - MAX_SAMPLES);
  const newest = add.reduce((m, s) => Math.max(m, s.t), 0);
  const cutoff = newest - SAMPLE_WINDOW_MS;
  let start = Math.max(0, list.length + add.length - MAX_SAMPLES);
  while (start < list.length && list[start].t < cutoff) start++;
  const next = list.slice(start);
  // Oldest first by `t`, not by arrival: a read that waited for its timeout is published after newer reads of
  // its lane (server/observe/probes.ts), and everything that reads the buffer from its end takes the last
  // sample of a lane for its newest. Such a sample is at most about a timeout old: the scan back is short.
  for (const s of add) insertSorted(next, s, byTime);
  return next;
}

export const byTime = (s: ProbeSample) => s.t;
