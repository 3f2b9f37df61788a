// The browser's probe samples: 30 minutes of every lane, bounded by time and by count, so a projector left open
// all day stays as fast as it was at the start whatever the probe interval. Kept apart from the dashboard state
// (components/lab/sampleStore.ts): a probe batch arrives several times a second and must redraw only the panels
// that draw samples. Pure.
import type { ProbeSample } from "./types";

export const SAMPLE_WINDOW_MS = 30 * 60_000;
/** 30 minutes of 3 keys × 2 lanes at a 50 ms interval; a faster interval keeps fewer minutes, never more memory. */
export const MAX_SAMPLES = 216_000;

/**
 * `list` with `add` appended, the oldest dropped by time and by count; `list` itself is left as it was. One copy
 * per batch, not three: at 30 minutes the buffer is up to MAX_SAMPLES long, and copying it was the idle page's
 * top cost. The trim by time and by count and the append share that one copy.
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
  for (const s of add) next.push(s);
  return next;
}
