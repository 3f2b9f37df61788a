import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ProbeOutcome, ProbeSample } from "@/lib/types";
import { ProbeRelay } from "./probeRelay";

const sample = (t: number, outcome: ProbeOutcome, key = "a"): ProbeSample => ({
  t,
  key,
  lane: "fresh",
  outcome,
  errorKind: outcome === "error" ? "refused" : null,
  value: outcome === "ok" ? "1" : null,
  latencyMs: 1,
});

describe("ProbeRelay", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(10_000);
  });
  afterEach(() => vi.useRealTimers());

  it("sends a second's steady ticks as one message, on the whole second", async () => {
    const sent: ProbeSample[][] = [];
    const relay = new ProbeRelay((s) => sent.push(s));
    for (let i = 0; i < 5; i++) {
      relay.push([sample(10_000 + 200 * i, "ok"), sample(10_000 + 200 * i, "ok", "b")]);
      await vi.advanceTimersByTimeAsync(199);
    }
    expect(sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(5);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toHaveLength(10);
  });

  it("sends a batch in which a lane turns at once, with what waited before it, in order", () => {
    const sent: ProbeSample[][] = [];
    const relay = new ProbeRelay((s) => sent.push(s));
    relay.push([sample(10_000, "ok")]);
    relay.push([sample(10_200, "ok")]);
    expect(sent).toHaveLength(0);
    relay.push([sample(10_400, "error")]);
    expect(sent.map((b) => b.map((s) => s.t))).toEqual([[10_000, 10_200, 10_400]]);
    relay.push([sample(10_600, "ok")]);
    expect(sent).toHaveLength(2);
  });

  it("flush() before a snapshot leaves nothing to send twice", async () => {
    const sent: ProbeSample[][] = [];
    const relay = new ProbeRelay((s) => sent.push(s));
    relay.push([sample(10_000, "ok")]);
    relay.flush();
    await vi.advanceTimersByTimeAsync(2000);
    expect(sent).toHaveLength(1);
  });
});
