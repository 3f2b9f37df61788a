import { describe, expect, it } from "vitest";
import { againstBudget, matchDeliveries, matchVersions, missedEmits, summarize } from "./benchStats";

describe("summarize", () => {
  it("gives nearest-rank percentiles and the maximum", () => {
    const s = summarize([5, 1, 4, 2, 3, 100, 7, 6, 9, 8]);
    expect(s).toEqual({ n: 10, p50: 5, p95: 100, p99: 100, max: 100 });
  });
  it("is NaN for no values", () => {
    expect(Number.isNaN(summarize([]).p95)).toBe(true);
  });
});

describe("matchDeliveries", () => {
  it("pairs each receive with its emit and measures the delay", () => {
    const emits = [
      { key: "x", t: 100 },
      { key: "y", t: 200 },
    ];
    const r = matchDeliveries(emits, [
      { key: "x", t: 110 },
      { key: "y", t: 230 },
    ]);
    expect(r.latencies).toEqual([10, 30]);
    expect([...r.matched]).toEqual([0, 1]);
    expect(r.unmatched).toBe(0);
  });

  it("tells identical payloads apart by their order", () => {
    const emits = [
      { key: "same", t: 100 },
      { key: "other", t: 150 },
      { key: "same", t: 200 },
    ];
    const r = matchDeliveries(emits, [
      { key: "same", t: 101 },
      { key: "other", t: 151 },
      { key: "same", t: 260 },
    ]);
    expect(r.latencies).toEqual([1, 1, 60]);
  });

  it("does not match a receive to an emit after it (a client that joined late got the later copy)", () => {
    const emits = [
      { key: "same", t: 100 },
      { key: "same", t: 300 },
    ];
    const r = matchDeliveries(emits, [{ key: "same", t: 320 }]);
    // The first emit is earlier but the greedy order takes it: a late joiner is matched by its join time.
    expect(r.latencies).toEqual([220]);
    const late = matchDeliveries(emits.slice(1), [{ key: "same", t: 320 }]);
    expect(late.latencies).toEqual([20]);
    expect(matchDeliveries(emits, [{ key: "same", t: 50 }]).unmatched).toBe(1);
  });

  it("counts what a client missed while connected", () => {
    const emits = [100, 200, 300, 400].map((t) => ({ key: String(t), t }));
    const r = matchDeliveries(emits, [
      { key: "100", t: 101 },
      { key: "300", t: 301 },
    ]);
    expect(missedEmits(emits, r.matched, 150, 400)).toBe(2);
    expect(missedEmits(emits, r.matched, 0, 150)).toBe(0);
  });
});

describe("matchVersions", () => {
  const emits = [
    { key: "4", t: 100 },
    { key: "5", t: 102 },
    { key: "6", t: 104 },
    { key: "7", t: 300 },
  ];

  it("one change of several publications delivers each of them, timed from its own publication", () => {
    const r = matchVersions(emits, [
      { key: "6", t: 120 },
      { key: "7", t: 310 },
    ]);
    expect([...r.matched].sort()).toEqual([0, 1, 2, 3]);
    expect(r.latencies).toEqual([20, 18, 16, 10]);
    expect(r.unmatched).toBe(0);
  });

  it("a version never received leaves its publications missed, and a stale receive matches nothing", () => {
    const r = matchVersions(emits, [
      { key: "5", t: 110 },
      { key: "5", t: 111 },
    ]);
    expect([...r.matched].sort()).toEqual([0, 1]);
    expect(r.unmatched).toBe(1);
    expect(missedEmits(emits, r.matched, 0, 1000)).toBe(2);
  });

  it("a receive before a publication (beyond the clocks' slack) is not of it", () => {
    const r = matchVersions(emits, [{ key: "7", t: 200 }]);
    expect([...r.matched].sort()).toEqual([0, 1, 2]);
  });
});

describe("againstBudget", () => {
  it("says met or MISSED", () => {
    expect(againstBudget(120.4, 250)).toBe("120 ms (budget 250 ms: met)");
    expect(againstBudget(300, 250)).toBe("300 ms (budget 250 ms: MISSED)");
    expect(againstBudget(NaN, 250)).toBe("n/a (budget 250 ms: not measured)");
    expect(againstBudget(7, null, "%")).toBe("7 %");
  });
});
