// Which keys cannot be read right now, and since when: what the header puts beside `cluster_state`, because
// Redis keeps saying `ok` for the whole node timeout while reads of the dead master's keys fail. Pure.
import type { ProbeSample } from "./types";

export interface FailingKey {
  key: string;
  /** When the current run of failed reads of this key began (on any lane). */
  since: number;
}

/**
 * Keys whose newest read on some lane failed, oldest outage first. `samples` is in arrival order; it is read
 * from the end, and only as far back as each lane's last good read, so a 30-minute buffer costs little.
 */
export function failingKeys(samples: readonly ProbeSample[], keys: readonly string[]): FailingKey[] {
  const wanted = new Set(keys);
  const settled = new Set<string>();
  const streakStart = new Map<string, { key: string; t: number }>();
  const seen = new Set<string>();
  for (let i = samples.length - 1; i >= 0; i--) {
    const s = samples[i];
    if (!wanted.has(s.key)) continue;
    const lane = `${s.key}/${s.lane}`;
    seen.add(lane);
    if (settled.has(lane)) continue;
    if (s.outcome === "error") streakStart.set(lane, { key: s.key, t: s.t });
    else settled.add(lane);
    // Every lane seen so far has reached a good read: nothing older can change the answer.
    if (settled.size === seen.size && seen.size >= keys.length * 2) break;
  }
  const since = new Map<string, number>();
  for (const { key, t } of streakStart.values()) since.set(key, Math.min(since.get(key) ?? t, t));
  return [...since].map(([key, t]) => ({ key, since: t })).sort((a, b) => a.since - b.since);
}
