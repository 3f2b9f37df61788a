import { describe, expect, it } from "vitest";
import { decodeSamples, encodeSamples } from "./probeWire";
import type { ProbeLane, ProbeSample } from "./types";

const T = 1_710_044_086_000;
const samples: ProbeSample[] = [
  { t: T, key: "a", lane: "cluster", outcome: "ok", errorKind: null, value: "11", latencyMs: 0.43 },
  {
    t: T,
    key: "a",
    lane: "fresh",
    outcome: "error",
    errorKind: "refused",
    value: "connect ECONNREFUSED",
    latencyMs: 2.1,
  },
  {
    t: T + 200,
    key: "a",
    lane: "fresh",
    outcome: "error",
    errorKind: "refused",
    value: "connect ECONNREFUSED",
    latencyMs: 1.9,
  },
  { t: T + 200, key: "b", lane: "cluster", outcome: "nil", errorKind: null, value: null, latencyMs: 80 },
  {
    t: T + 400,
    key: "a",
    lane: "fresh",
    outcome: "ok",
    errorKind: null,
    value: "11",
    latencyMs: 1.2,
    via: "127.72.2.5:6379",
    redirected: true,
  },
  {
    t: T + 600,
    key: "a",
    lane: "fresh",
    outcome: "ok",
    errorKind: null,
    value: "11",
    latencyMs: 0.8,
    via: "127.72.2.5:6379",
    redirected: false,
  },
];

const rounded = (list: ProbeSample[]) =>
  list.map((s) => ({ ...s, latencyMs: Math.round(s.latencyMs * 10) / 10 }));
const roundTrip = (list: ProbeSample[]) => decodeSamples(JSON.parse(JSON.stringify(encodeSamples(list))));

/** A deterministic pseudo-random sequence, so the size test measures the same batch every time. */
function rng(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

/**
 * 30 minutes of the lab as the probes take it: a tick every 200 ms (setInterval drifts by a few ms), 3 keys ×
 * 2 lanes, loopback latencies of a fraction of a millisecond to a few, and one 20 s failover on `a`.
 */
function thirtyMinutes(): ProbeSample[] {
  const random = rng(7);
  const out: ProbeSample[] = [];
  let t = T;
  const failover = [T + 600_000, T + 620_000];
  for (let tick = 0; tick < (30 * 60_000) / 200; tick++) {
    t += 200 + Math.floor(random() * 4);
    for (const key of ["a", "b", "c"]) {
      for (const lane of ["cluster", "fresh"] as ProbeLane[]) {
        const down = key === "a" && t >= failover[0] && t < failover[1];
        const latencyMs = down ? 160 + random() * 5 : 0.2 + random() * random() * 4;
        out.push(
          down
            ? {
                t,
                key,
                lane,
                outcome: "error",
                errorKind: lane === "fresh" ? "refused" : "timeout",
                value: lane === "fresh" ? "connect ECONNREFUSED 127.72.2.3:6379" : "Command timed out",
                latencyMs,
              }
            : lane === "fresh"
              ? // redis-cli -c's path: the key's master answers, reached directly or (2 in 3) by a redirect.
                {
                  t,
                  key,
                  lane,
                  outcome: "ok",
                  errorKind: null,
                  value: `${key}${key}`,
                  latencyMs,
                  via: `127.72.2.${key === "a" && t >= failover[1] ? 5 : key.charCodeAt(0) - 96}:6379`,
                  redirected: random() < 2 / 3,
                }
              : { t, key, lane, outcome: "ok", errorKind: null, value: `${key}${key}`, latencyMs },
        );
      }
    }
  }
  return out;
}

describe("probe samples on the wire", () => {
  it("decodes to the samples it encoded (latency to 0.1 ms)", () => {
    expect(roundTrip(samples)).toEqual(rounded(samples));
  });

  // 54,000 samples through JSON and back: seconds on a loaded machine, so more room than vitest's 5 s default.
  it("decodes 30 minutes exactly, in the order the ticks added them", { timeout: 30_000 }, () => {
    const all = thirtyMinutes();
    // As text: a deep comparison of 54,000 objects alone takes seconds on a busy machine.
    expect(JSON.stringify(roundTrip(all))).toBe(JSON.stringify(rounded(all)));
  });

  it(
    "keeps 30 minutes of 3 keys × 2 lanes at 200 ms, with the fresh lane's redirects, under 2 bytes a sample",
    { timeout: 30_000 },
    () => {
      const all = thirtyMinutes();
      expect(all).toHaveLength(54_000);
      const bytes = JSON.stringify(encodeSamples(all)).length;
      // The row form this replaced took ~25 bytes a sample: 1.4 MB for a page opened after a 30-minute class.
      expect(bytes).toBeLessThan(2 * all.length);
    },
  );

  it("names each repeated string once", () => {
    const batch = encodeSamples(samples);
    expect(batch.strings.filter((s) => s === "connect ECONNREFUSED")).toHaveLength(1);
  });

  it("puts samples that arrived out of time order back in time order", () => {
    const shuffled = [samples[2], samples[0], samples[3], samples[1]];
    expect(roundTrip(shuffled).map((s) => s.t)).toEqual([T, T, T + 200, T + 200]);
  });

  it("keeps two samples of one lane at the same time, and large gaps and latencies", () => {
    const odd: ProbeSample[] = [
      { ...samples[0], t: T },
      { ...samples[0], t: T, value: "12" },
      { ...samples[0], t: T + 3_600_000, latencyMs: 12_345.6 },
      { ...samples[0], t: T + 3_600_001, latencyMs: 0 },
    ];
    expect(roundTrip(odd)).toEqual(rounded(odd));
  });

  it("encodes an empty batch", () => {
    expect(decodeSamples(encodeSamples([]))).toEqual([]);
  });
});
