import { describe, expect, it } from "vitest";
import type { StreamAction } from "./clientState";
import { coalesceProbes } from "./streamBatch";
import type { ProbeSample } from "./types";

const sample = (t: number): ProbeSample => ({
  t,
  key: "a",
  lane: "cluster",
  outcome: "ok",
  errorKind: null,
  value: "1",
  latencyMs: 1,
});
const probes = (...ts: number[]): StreamAction => ({
  type: "stream",
  name: "probes",
  payload: ts.map(sample),
});
const busy: StreamAction = { type: "stream", name: "busy", payload: null };

describe("coalesceProbes", () => {
  it("merges the probes of a flush into one action, samples in arrival order, others kept in order", () => {
    const out = coalesceProbes([probes(1, 2), busy, probes(3)]);
    expect(out.map((a) => a.name)).toEqual(["busy", "probes"]);
    expect((out[1].payload as ProbeSample[]).map((s) => s.t)).toEqual([1, 2, 3]);
  });
  it("leaves a batch without probes as it is", () => {
    expect(coalesceProbes([busy])).toEqual([busy]);
    expect(coalesceProbes([])).toEqual([]);
  });
});
