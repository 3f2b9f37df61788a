import { describe, expect, it } from "vitest";
import { decodeSamples, encodeSamples } from "./probeWire";
import type { ProbeSample } from "./types";

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
  { t: T + 200, key: "b", lane: "cluster", outcome: "nil", errorKind: null, value: null, latencyMs: 80 },
  {
    t: T + 200,
    key: "a",
    lane: "fresh",
    outcome: "error",
    errorKind: "refused",
    value: "connect ECONNREFUSED",
    latencyMs: 1.9,
  },
];

describe("probe samples on the wire", () => {
  it("decodes to the samples it encoded (latency to 0.1 ms)", () => {
    const back = decodeSamples(JSON.parse(JSON.stringify(encodeSamples(samples))));
    expect(back).toEqual(samples.map((s) => ({ ...s, latencyMs: Math.round(s.latencyMs * 10) / 10 })));
  });

  it("names each repeated string once", () => {
    const batch = encodeSamples(samples);
    expect(batch.strings.filter((s) => s === "connect ECONNREFUSED")).toHaveLength(1);
    expect(batch.rows[3]).toEqual([
      200,
      batch.strings.indexOf("a"),
      batch.strings.indexOf("fresh"),
      2,
      19,
      4,
      5,
    ]);
  });

  it("is several times smaller than the samples as JSON objects", () => {
    const many = Array.from({ length: 600 }, (_, i) => ({ ...samples[i % 4], t: T + i * 200 }));
    const ratio = JSON.stringify(many).length / JSON.stringify(encodeSamples(many)).length;
    expect(ratio).toBeGreaterThan(3);
  });

  it("encodes an empty batch", () => {
    expect(decodeSamples(encodeSamples([]))).toEqual([]);
  });
});
