// Probe samples on the wire. Every browser gets about 30 samples a second (3 keys × 2 lanes × 5/s) and a
// snapshot carries the timeline's whole 30 minutes (54,000 samples); as objects, or even as rows of numbers,
// that is more than a megabyte per opened page. Samples are taken in ticks (every lane at the same `t`) and
// a lane reads the same answer for minutes, so a batch stores each distinct time once, each lane's answers as
// runs of identical ones, and only the latency per sample, as base-64 variable-length digits.
import type { ProbeErrorKind, ProbeLane, ProbeOutcome, ProbeSample } from "./types";

const OUTCOMES: ProbeOutcome[] = ["ok", "nil", "error"];

/**
 * One key × lane: `ticks` are [step, count] pairs — each sample's index in the batch's times is the previous
 * one's plus step (the first counts from -1); `runs` are [outcome, value, error kind, via, count] quintuples
 * (string indexes, -1 for null); `latency` holds one number per sample, in 0.1 ms, doubled plus one when the
 * read was redirected: the node that answers a slot changes seldom, whether a read needed the redirect to get
 * there changes at random with the endpoint it started from, so that bit rides on the per-sample number.
 */
export type WireLane = [key: number, lane: number, ticks: number[], runs: number[], latency: string];

export interface WireBatch {
  t0: number;
  strings: string[];
  /** The distinct sample times, ascending: the change of the gap between neighbours (zigzag), as digits. */
  times: string;
  lanes: WireLane[];
}

// Base-64 VLQ as in source maps: 5 bits per character, the 6th says "more follows". JSON-safe characters.
const DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT_VALUE = new Map([...DIGITS].map((c, i) => [c, i]));

function putVlq(out: string[], n: number): void {
  let v = n;
  do {
    let d = v % 32;
    v = Math.floor(v / 32);
    if (v > 0) d += 32;
    out.push(DIGITS[d]);
  } while (v > 0);
}

function readVlqs(s: string): number[] {
  const out: number[] = [];
  let v = 0;
  let scale = 1;
  for (const c of s) {
    const d = DIGIT_VALUE.get(c);
    if (d === undefined) throw new Error(`not a wire digit: ${c}`);
    v += (d % 32) * scale;
    if (d >= 32) scale *= 32;
    else {
      out.push(v);
      v = 0;
      scale = 1;
    }
  }
  return out;
}

const zigzag = (n: number) => (n >= 0 ? 2 * n : -2 * n - 1);
const unzigzag = (z: number) => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

/** Samples in time order; within one time, lanes in the order they first appear (the order a tick adds them). */
export function encodeSamples(samples: readonly ProbeSample[]): WireBatch {
  let inOrder = true;
  for (let i = 1; i < samples.length && inOrder; i++) inOrder = samples[i - 1].t <= samples[i].t;
  const sorted = inOrder ? samples : [...samples].sort((a, b) => a.t - b.t);
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
  const t0 = sorted.length ? sorted[0].t : 0;

  const timeDigits: string[] = [];
  let lastT = t0;
  let lastGap = 0;
  let timeIdx = -1;
  type Acc = { lane: WireLane; lastIdx: number; latency: string[] };
  const lanes = new Map<string, Map<string, Acc>>();
  const order: Acc[] = [];
  for (const s of sorted) {
    if (timeIdx < 0 || s.t !== lastT) {
      const gap = s.t - lastT;
      putVlq(timeDigits, zigzag(gap - lastGap));
      lastGap = gap;
      lastT = s.t;
      timeIdx++;
    }
    let ofKey = lanes.get(s.key);
    if (!ofKey) lanes.set(s.key, (ofKey = new Map()));
    let acc = ofKey.get(s.lane);
    if (!acc) {
      acc = { lane: [ref(s.key), ref(s.lane), [], [], ""], lastIdx: -1, latency: [] };
      ofKey.set(s.lane, acc);
      order.push(acc);
    }
    const ticks = acc.lane[2];
    const step = timeIdx - acc.lastIdx;
    acc.lastIdx = timeIdx;
    if (ticks.length && ticks[ticks.length - 2] === step) ticks[ticks.length - 1]++;
    else ticks.push(step, 1);
    const o = OUTCOMES.indexOf(s.outcome);
    const v = ref(s.value);
    const e = ref(s.errorKind);
    const via = ref(s.via ?? null);
    const runs = acc.lane[3];
    const n = runs.length;
    if (n && runs[n - 5] === o && runs[n - 4] === v && runs[n - 3] === e && runs[n - 2] === via)
      runs[n - 1]++;
    else runs.push(o, v, e, via, 1);
    putVlq(acc.latency, 2 * Math.max(0, Math.round(s.latencyMs * 10)) + (s.redirected ? 1 : 0));
  }
  const wireLanes = order.map((a) => {
    a.lane[4] = a.latency.join("");
    return a.lane;
  });
  return { t0, strings, times: timeDigits.join(""), lanes: wireLanes };
}

export function decodeSamples(batch: WireBatch): ProbeSample[] {
  const str = (i: number) => (i < 0 ? null : batch.strings[i]);
  const times: number[] = [];
  let t = batch.t0;
  let gap = 0;
  for (const z of readVlqs(batch.times)) {
    gap += unzigzag(z);
    t += gap;
    times.push(t);
  }
  const atTime: ProbeSample[][] = times.map(() => []);
  for (const [k, l, ticks, runs, latencyDigits] of batch.lanes) {
    const key = batch.strings[k];
    const lane = batch.strings[l] as ProbeLane;
    const latency = readVlqs(latencyDigits);
    let n = 0;
    let idx = -1;
    let tickPair = 0;
    let tickLeft = ticks[1] ?? 0;
    for (let r = 0; r < runs.length; r += 5) {
      const outcome = OUTCOMES[runs[r]];
      const value = str(runs[r + 1]);
      const errorKind = str(runs[r + 2]) as ProbeErrorKind | null;
      const via = str(runs[r + 3]);
      for (let c = 0; c < runs[r + 4]; c++, n++) {
        while (tickLeft === 0) {
          tickPair += 2;
          tickLeft = ticks[tickPair + 1];
        }
        idx += ticks[tickPair];
        tickLeft--;
        const sample: ProbeSample = {
          t: times[idx],
          key,
          lane,
          outcome,
          errorKind,
          value,
          latencyMs: Math.floor(latency[n] / 2) / 10,
        };
        if (via !== null) Object.assign(sample, { via, redirected: latency[n] % 2 === 1 });
        atTime[idx].push(sample);
      }
    }
  }
  return atTime.flat();
}
