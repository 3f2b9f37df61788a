// The seed's terminal loop (`while true; do date; redis-cli -c get a; …; sleep 1; done`) replayed from the
// probe samples, so the room sees the very lines that terminal prints, next to the timeline that measures them.
import { cliReplyLines } from "./cliReply";
import type { ProbeLane, ProbeSample } from "./types";

export interface LoopIteration {
  t: number;
  /** What `date` prints in a pod (C locale, UTC): `Sun Mar 10 04:14:46 UTC 2024`. */
  date: string;
  /** Per key, the lines its read printed; empty while redis-cli would still be waiting for an answer. */
  reads: { key: string; lines: string[]; outcome: ProbeSample["outcome"] }[];
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const two = (n: number) => String(n).padStart(2, "0");

export function podDate(t: number): string {
  const d = new Date(t);
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  const day = String(d.getUTCDate()).padStart(2, " ");
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${day} ${time} UTC ${d.getUTCFullYear()}`;
}

/**
 * The last `count` iterations of a loop that reads every key once a second on `lane`: for each second, each key's
 * first read in it. The probes read every key at the same `t`, and a failing lane again in between (so the
 * second's first tick may hold only that lane's key). Walks back from the newest sample, so a long timeline costs
 * only what is shown.
 */
export function readLoop(
  samples: readonly ProbeSample[],
  keys: readonly string[],
  lane: ProbeLane,
  count: number,
): LoopIteration[] {
  const out: LoopIteration[] = [];
  let i = samples.length - 1;
  while (i >= 0 && out.length < count) {
    if (samples[i].lane !== lane) {
      i--;
      continue;
    }
    const second = Math.floor(samples[i].t / 1000);
    // The earliest tick of this second: walk back over the rest of it.
    let first = i;
    while (i >= 0 && Math.floor(samples[i].t / 1000) === second) {
      if (samples[i].lane === lane) first = i;
      i--;
    }
    const t = samples[first].t;
    const atTick = new Map<string, ProbeSample>();
    for (let j = first; j < samples.length && Math.floor(samples[j].t / 1000) === second; j++)
      if (samples[j].lane === lane && !atTick.has(samples[j].key)) atTick.set(samples[j].key, samples[j]);
    const reads = keys.flatMap((key) => {
      const s = atTick.get(key);
      return s ? [{ key, lines: cliReplyLines(s), outcome: s.outcome }] : [];
    });
    out.push({ t, date: podDate(t), reads });
  }
  return out.reverse();
}
