import { describe, expect, it } from "vitest";
import { dashboardReducer, initialDashboardState, SAMPLE_WINDOW_MS } from "./clientState";
import { PLATFORM_OK, type ProbeSample, type RunSummary } from "./types";

const sample = (t: number): ProbeSample => ({
  t,
  key: "a",
  lane: "cluster",
  outcome: "ok",
  errorKind: null,
  value: "11",
  latencyMs: 1,
});

describe("dashboardReducer", () => {
  it("appends probe samples and drops those older than the window", () => {
    let s = dashboardReducer(initialDashboardState, { type: "probes", samples: [sample(0), sample(1000)] });
    s = dashboardReducer(s, { type: "probes", samples: [sample(SAMPLE_WINDOW_MS + 500)] });
    expect(s.samples.map((x) => x.t)).toEqual([1000, SAMPLE_WINDOW_MS + 500]);
  });

  it("replaces a run by id and puts new runs first", () => {
    const run = { id: "r1", status: "running" } as RunSummary;
    let s = dashboardReducer(initialDashboardState, { type: "run", run });
    s = dashboardReducer(s, { type: "run", run: { id: "r2", status: "running" } as RunSummary });
    s = dashboardReducer(s, { type: "run", run: { ...run, status: "recovered" } });
    expect(s.runs.map((r) => [r.id, r.status])).toEqual([
      ["r2", "running"],
      ["r1", "recovered"],
    ]);
  });

  it("keeps what the platform cannot see (API unreachable) until the platform says it can again", () => {
    const down = { apiUnreachable: { since: 5, error: "connect ECONNREFUSED" }, logErrors: [] };
    let s = dashboardReducer(initialDashboardState, { type: "platformStatus", platformStatus: down });
    s = dashboardReducer(s, { type: "pods", pods: [] });
    expect(s.platformStatus.apiUnreachable?.since).toBe(5);
    s = dashboardReducer(s, { type: "platformStatus", platformStatus: PLATFORM_OK });
    expect(s.platformStatus.apiUnreachable).toBeNull();
  });

  it("bounds the event log", () => {
    const events = Array.from({ length: 1500 }, (_, i) => ({
      id: i,
      t: i,
      kind: "log" as const,
      message: "",
      pod: null,
      nodeId: null,
      actor: null,
      source: "log" as const,
    }));
    const s = dashboardReducer(initialDashboardState, { type: "events", events });
    expect(s.events).toHaveLength(1000);
    expect(s.events[0].id).toBe(500);
  });
});
