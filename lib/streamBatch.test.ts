import { describe, expect, it } from "vitest";
import { foldOutcomes, NO_OUTCOMES } from "./streamBatch";
import type { ProbeOutcome, ProbeSample } from "./types";

const sample = (
  t: number,
  outcome: ProbeOutcome,
  key = "a",
  lane: ProbeSample["lane"] = "cluster",
): ProbeSample => ({
  t,
  key,
  lane,
  outcome,
  errorKind: outcome === "error" ? "CLUSTERDOWN" : null,
  value: outcome === "ok" ? "1" : null,
  latencyMs: 1,
});

describe("foldOutcomes", () => {
  it("a steady batch has not turned, and the first sample of a lane is not a turn", () => {
    const first = foldOutcomes(NO_OUTCOMES, [sample(1, "ok"), sample(1, "error", "b")]);
    expect(first.turned).toBe(false);
    const next = foldOutcomes(first.outcomes, [sample(2, "ok"), sample(2, "error", "b")]);
    expect(next.turned).toBe(false);
    expect([...next.outcomes]).toEqual([
      ["a/cluster", { outcome: "ok", t: 2 }],
      ["b/cluster", { outcome: "error", t: 2 }],
    ]);
  });

  it("turns when a lane's reads fail, or answer again, from one batch to the next", () => {
    const ok = foldOutcomes(NO_OUTCOMES, [sample(1, "ok")]).outcomes;
    const failing = foldOutcomes(ok, [sample(2, "error")]);
    expect(failing.turned).toBe(true);
    const back = foldOutcomes(failing.outcomes, [sample(3, "ok")]);
    expect(back.turned).toBe(true);
    expect(back.outcomes.get("a/cluster")?.outcome).toBe("ok");
  });

  it("turns on a change inside one batch, even one that turns back, and on ok -> nil (lab A's data gone)", () => {
    const ok = foldOutcomes(NO_OUTCOMES, [sample(1, "ok")]).outcomes;
    expect(foldOutcomes(ok, [sample(2, "error"), sample(3, "ok")]).turned).toBe(true);
    expect(foldOutcomes(NO_OUTCOMES, [sample(1, "error"), sample(2, "ok")]).turned).toBe(true);
    expect(foldOutcomes(ok, [sample(2, "nil")]).turned).toBe(true);
  });

  it("keeps lanes apart: one lane's error does not turn another lane", () => {
    const held = foldOutcomes(NO_OUTCOMES, [
      sample(1, "ok", "a", "cluster"),
      sample(1, "error", "a", "fresh"),
    ]);
    const next = foldOutcomes(held.outcomes, [
      sample(2, "error", "a", "fresh"),
      sample(2, "ok", "a", "cluster"),
    ]);
    expect(next.turned).toBe(false);
  });

  it("leaves the held outcomes as they were", () => {
    const held = foldOutcomes(NO_OUTCOMES, [sample(1, "ok")]).outcomes;
    foldOutcomes(held, [sample(2, "error")]);
    expect(held.get("a/cluster")?.outcome).toBe("ok");
    expect(foldOutcomes(held, []).outcomes).toBe(held);
  });

  it("a read that answered late (older t) neither turns its lane nor undoes the lane's newer outcome", () => {
    const failing = foldOutcomes(NO_OUTCOMES, [sample(1, "error")]).outcomes;
    const back = foldOutcomes(failing, [sample(5, "ok")]);
    expect(back.turned).toBe(true);
    // The read started at 3 timed out after the one started at 5 answered.
    const late = foldOutcomes(back.outcomes, [sample(3, "error")]);
    expect(late.turned).toBe(false);
    expect(late.outcomes.get("a/cluster")).toEqual({ outcome: "ok", t: 5 });
    // Within one batch too, whatever the order the samples come in.
    const mixed = foldOutcomes(failing, [sample(5, "ok"), sample(3, "error")]);
    expect(mixed.outcomes.get("a/cluster")).toEqual({ outcome: "ok", t: 5 });
  });
});
