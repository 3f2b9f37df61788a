import { describe, expect, it } from "vitest";
import { failingKeys } from "./readHealth";
import type { ProbeLane, ProbeSample } from "./types";

const s = (t: number, key: string, lane: ProbeLane, ok: boolean): ProbeSample => ({
  t,
  key,
  lane,
  outcome: ok ? "ok" : "error",
  errorKind: ok ? null : "refused",
  value: ok ? "11" : null,
  latencyMs: 1,
});

describe("failingKeys", () => {
  it("names the keys whose newest read failed, with the start of the outage", () => {
    const samples = [
      s(1, "a", "cluster", true),
      s(2, "a", "cluster", false),
      s(2, "b", "cluster", true),
      s(3, "a", "fresh", false),
      s(4, "a", "cluster", false),
      s(4, "b", "cluster", true),
    ];
    expect(failingKeys(samples, ["a", "b"])).toEqual([{ key: "a", since: 2 }]);
  });

  it("forgets an outage once reads succeed again, and a blip that recovered", () => {
    const samples = [s(1, "a", "cluster", false), s(2, "a", "cluster", true), s(3, "b", "fresh", false)];
    expect(failingKeys(samples, ["a", "b"])).toEqual([{ key: "b", since: 3 }]);
    expect(failingKeys([...samples, s(4, "b", "fresh", true)], ["a", "b"])).toEqual([]);
  });
});
