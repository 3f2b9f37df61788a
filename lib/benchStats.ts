// The figures `npm run bench:*` print: percentiles against DESIGN §7's budgets, and which emit of the server
// each client's receive was. Pure: the scripts do the timing, this only counts.
import { percentile } from "./runMetrics";

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary {
  const v = [...values];
  return {
    n: v.length,
    p50: percentile(v, 50),
    p95: percentile(v, 95),
    p99: percentile(v, 99),
    max: v.length ? Math.max(...v) : NaN,
  };
}

/** One message: a key that tells its payload apart (a hash, a tick time) and when it was emitted or received. */
export interface Stamp {
  key: string;
  t: number;
}

export interface Deliveries {
  /** Receive time minus emit time, one per matched receive. */
  latencies: number[];
  /** Indexes into `emits` of those this client received. */
  matched: Set<number>;
  /** Receives that match no emit (sent before the window, or changed after the server stamped it). */
  unmatched: number;
}

/**
 * Pairs each receive with the emit it was. socket.io keeps a stream's order per client, so each match lies after
 * the previous one: a payload the server sent twice, identical, is told apart by that order, and a dropped
 * (volatile) message only leaves a gap. An emit is at most `slackMs` after its receive (two processes' clocks).
 */
export function matchDeliveries(
  emits: readonly Stamp[],
  receives: readonly Stamp[],
  slackMs = 5,
): Deliveries {
  const byKey = new Map<string, number[]>();
  emits.forEach((e, i) => {
    const list = byKey.get(e.key);
    if (list) list.push(i);
    else byKey.set(e.key, [i]);
  });
  const latencies: number[] = [];
  const matched = new Set<number>();
  let unmatched = 0;
  let last = -1;
  for (const r of receives) {
    const idx = byKey.get(r.key)?.find((i) => i > last && emits[i].t <= r.t + slackMs);
    if (idx === undefined) {
      unmatched++;
      continue;
    }
    last = idx;
    matched.add(idx);
    latencies.push(Math.max(0, r.t - emits[idx].t));
  }
  return { latencies, matched, unmatched };
}

/**
 * For a stream that travels as changes against a version (its key is the version): the server sends what was
 * published within a few milliseconds as one change, so a receive of version V delivers every emit up to V that
 * an earlier receive did not. Each delivered emit's latency is from its publication to that receive.
 */
export function matchVersions(emits: readonly Stamp[], receives: readonly Stamp[], slackMs = 5): Deliveries {
  const latencies: number[] = [];
  const matched = new Set<number>();
  let unmatched = 0;
  let held = -Infinity;
  for (const r of receives) {
    const version = Number(r.key);
    let delivered = false;
    emits.forEach((e, i) => {
      const v = Number(e.key);
      if (v > held && v <= version && !matched.has(i) && e.t <= r.t + slackMs) {
        matched.add(i);
        latencies.push(Math.max(0, r.t - e.t));
        delivered = true;
      }
    });
    if (!delivered) unmatched++;
    held = Math.max(held, version);
  }
  return { latencies, matched, unmatched };
}

/** Emits in [from, to] this client did not get: it was connected for them, so each is a lost message. */
export function missedEmits(emits: readonly Stamp[], matched: Set<number>, from: number, to: number): number {
  let missed = 0;
  emits.forEach((e, i) => {
    if (e.t >= from && e.t <= to && !matched.has(i)) missed++;
  });
  return missed;
}

/** `p95 120 ms (budget 250 ms: met)`; the verdict only where there is a budget. */
export function againstBudget(value: number, budget: number | null, unit = "ms"): string {
  const shown = Number.isFinite(value) ? `${value.toFixed(0)} ${unit}` : "n/a";
  if (budget === null) return shown;
  const verdict = Number.isFinite(value) ? (value <= budget ? "met" : "MISSED") : "not measured";
  return `${shown} (budget ${budget} ${unit}: ${verdict})`;
}
