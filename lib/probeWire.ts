// Probe samples on the wire. Every browser gets about 30 samples a second (3 keys x 2 lanes x 5/s), and a
// snapshot carries minutes of them; as objects they would cost every viewer several KB/s (DESIGN §7 allows 2).
// A batch names each key, lane and string once and sends each sample as a row of small numbers.
import type { ProbeErrorKind, ProbeLane, ProbeOutcome, ProbeSample } from "./types";

const OUTCOMES: ProbeOutcome[] = ["ok", "nil", "error"];

/** [t - t0 (ms), key index, lane index, outcome index, latency (0.1 ms), value index or -1, error kind index or -1] */
export type WireRow = [number, number, number, number, number, number, number];

export interface WireBatch {
  t0: number;
  strings: string[];
  rows: WireRow[];
}

export function encodeSamples(samples: ProbeSample[]): WireBatch {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const ref = (s: string | null): number => {
    if (s === null) return -1;
    let i = index.get(s);
    if (i === undefined) {
      i = strings.push(s) - 1;
      index.set(s, i);
    }
    return i;
  };
  const t0 = samples.length ? samples[0].t : 0;
  const rows = samples.map((s): WireRow => [
    s.t - t0,
    ref(s.key),
    ref(s.lane),
    OUTCOMES.indexOf(s.outcome),
    Math.round(s.latencyMs * 10),
    ref(s.value),
    ref(s.errorKind),
  ]);
  return { t0, strings, rows };
}

export function decodeSamples(batch: WireBatch): ProbeSample[] {
  const str = (i: number) => (i < 0 ? null : batch.strings[i]);
  return batch.rows.map(([dt, k, l, o, lat, v, e]) => ({
    t: batch.t0 + dt,
    key: batch.strings[k],
    lane: batch.strings[l] as ProbeLane,
    outcome: OUTCOMES[o],
    errorKind: str(e) as ProbeErrorKind | null,
    value: str(v),
    latencyMs: lat / 10,
  }));
}
