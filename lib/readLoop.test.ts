import { describe, expect, it } from "vitest";
import { podDate, readLoop } from "./readLoop";
import type { ProbeSample } from "./types";

const T = Date.UTC(2024, 2, 10, 4, 14, 46, 0);
const ok = (t: number, key: string, via: string, redirected: boolean): ProbeSample => ({
  t,
  key,
  lane: "fresh",
  outcome: "ok",
  errorKind: null,
  value: key.repeat(2),
  latencyMs: 1,
  via,
  redirected,
});
const refused = (t: number, key: string): ProbeSample => ({
  t,
  key,
  lane: "fresh",
  outcome: "error",
  errorKind: "refused",
  value: "Could not connect to Redis at 10.42.2.79:6379: Connection refused",
  latencyMs: 1,
});
const cluster = (t: number, key: string): ProbeSample => ({
  ...ok(t, key, "", false),
  lane: "cluster",
  via: undefined,
});

describe("the seed's read loop, from the probe samples", () => {
  it("prints date as a pod does", () => {
    expect(podDate(T)).toBe("Sun Mar 10 04:14:46 UTC 2024");
    expect(podDate(Date.UTC(2026, 11, 1, 23, 5, 9))).toBe("Tue Dec  1 23:05:09 UTC 2026");
  });

  it("takes the first tick of each second, one read per key, as redis-cli -c prints it", () => {
    const samples: ProbeSample[] = [];
    for (let t = T; t < T + 3000; t += 200) {
      const down = t >= T + 1000 && t < T + 2000;
      samples.push(cluster(t, "a"));
      samples.push(down ? refused(t, "a") : ok(t, "a", "10.42.2.77:6379", t >= T + 2000));
      samples.push(ok(t, "b", "10.42.2.76:6379", true));
    }
    const loop = readLoop(samples, ["a", "b"], "fresh", 10);
    expect(loop.map((it) => it.t)).toEqual([T, T + 1000, T + 2000]);
    expect(loop[1].reads[0]).toEqual({
      key: "a",
      outcome: "error",
      lines: ["Could not connect to Redis at 10.42.2.79:6379: Connection refused"],
    });
    expect(loop[2].reads.map((r) => r.lines)).toEqual([
      ["-> Redirected to slot [15495] located at 10.42.2.77:6379", '"aa"'],
      ["-> Redirected to slot [3300] located at 10.42.2.76:6379", '"bb"'],
    ]);
  });

  it("a second that starts with a re-read of a failing key alone still prints every key's first read in it", () => {
    // The probes read a failing lane four times an interval: the second's first tick (T+1000) has only `a`.
    const samples = [
      refused(T + 950, "a"),
      ok(T + 950, "b", "10.42.2.76:6379", true),
      refused(T + 1000, "a"),
      refused(T + 1050, "a"),
      refused(T + 1150, "a"),
      ok(T + 1150, "b", "10.42.2.76:6379", true),
    ];
    const loop = readLoop(samples, ["a", "b"], "fresh", 10);
    expect(loop.map((it) => it.t)).toEqual([T + 950, T + 1000]);
    expect(loop[1].reads.map((r) => [r.key, r.outcome])).toEqual([
      ["a", "error"],
      ["b", "ok"],
    ]);
  });

  it("keeps only the last iterations asked for", () => {
    const samples = Array.from({ length: 50 }, (_, i) => ok(T + i * 500, "a", "10.42.2.77:6379", false));
    const loop = readLoop(samples, ["a"], "fresh", 4);
    expect(loop.map((it) => it.t)).toEqual([T + 42 * 500, T + 44 * 500, T + 46 * 500, T + 48 * 500]);
  });
});
