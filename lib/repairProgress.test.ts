import { describe, expect, it } from "vitest";
import { translator } from "./i18n/catalogue";
import { planText } from "./i18n/planText";
import type { PlanNote } from "./planNotes";
import type { RepairRun } from "./protocol";
import type { RepairPlan, RepairStep } from "./repairPlan";
import {
  currentRun,
  forgetTiming,
  runDurationMs,
  stepCounts,
  stepDurationMs,
  stepTitle,
} from "./repairProgress";

const NOTE: PlanNote = { code: "findingAlone", params: { pod: "c-2" } };
const en = translator("en");
const title = (s: RepairStep) => planText(en, stepTitle(s));
const GHOST = "e64f0b9d8ca9b97ebe0ef4982542bd592cd5ee07";
const MASTER = "d25d71a3282e47d3d12c4c7d92d3bddc712a148c";

const FORGET: RepairStep = {
  kind: "forget",
  nodeId: GHOST,
  onPods: ["c-0", "c-1", "c-3", "c-4", "c-5"],
  reason: NOTE,
  commands: [],
};
const MEET: RepairStep = {
  kind: "meet",
  pod: "c-2",
  ip: "10.42.2.82",
  port: 6379,
  viaPod: "c-0",
  reason: NOTE,
  commands: [],
};
const REPLICATE: RepairStep = {
  kind: "replicate",
  pod: "c-2",
  nodeId: "11439c6cb119c655887813742cb13eb8be4d3ab0",
  masterId: MASTER,
  masterPod: "c-3",
  reason: NOTE,
  commands: [],
};

const PLAN: RepairPlan = {
  healthy: false,
  summary: NOTE,
  steps: [FORGET, MEET, REPLICATE],
  refused: [],
  alternative: null,
  fingerprint: "f",
};

function run(over: Partial<RepairRun> = {}): RepairRun {
  return {
    id: "r1",
    actor: "instructor",
    auto: false,
    startedAt: 1000,
    endedAt: null,
    status: "running",
    replanned: false,
    plan: PLAN,
    steps: [
      {
        status: "ok",
        detail: { code: "stepForgotten", params: { nodes: 5, ms: 3 } },
        startedAt: 1000,
        endedAt: 1003,
      },
      { status: "running", detail: null, startedAt: 1003, endedAt: null },
      { status: "pending", detail: null, startedAt: null, endedAt: null },
    ],
    outcome: null,
    ...over,
  };
}

describe("stepTitle", () => {
  it("names each step in redis-cli terms", () => {
    expect(title(FORGET)).toBe("CLUSTER FORGET e64f0b9d on 5 nodes");
    expect(title(MEET)).toBe("CLUSTER MEET 10.42.2.82 6379 via c-0");
    expect(title(REPLICATE)).toBe("CLUSTER REPLICATE d25d71a3 (c-3) on c-2");
    expect(title({ ...REPLICATE, masterPod: null } as RepairStep)).toBe("CLUSTER REPLICATE d25d71a3 on c-2");
    expect(planText(translator("ko"), stepTitle(FORGET))).toBe("노드 5개에서 CLUSTER FORGET e64f0b9d");
  });
});

describe("forgetTiming", () => {
  it("says the FORGET runs everywhere in parallel inside the 60 s ban", () => {
    expect(planText(en, forgetTiming(FORGET as Extract<RepairStep, { kind: "forget" }>))).toMatch(
      /all 5 listed nodes in parallel, within the 60 s ban window/,
    );
  });
});

describe("durations", () => {
  it("measures finished, running and not-started steps", () => {
    const r = run();
    expect(stepDurationMs(r.steps[0], 5000)).toBe(3);
    expect(stepDurationMs(r.steps[1], 1500)).toBe(497);
    expect(stepDurationMs(r.steps[2], 1500)).toBeNull();
    expect(runDurationMs(r, 4000)).toBe(3000);
    expect(runDurationMs(run({ endedAt: 2500 }), 9000)).toBe(1500);
  });
});

describe("currentRun", () => {
  it("prefers the streamed copy of the same run", () => {
    const streamed = run({ status: "done" });
    expect(currentRun(streamed, run())).toBe(streamed);
  });

  it("shows a newer acked run until the stream delivers it", () => {
    const old = run({ id: "r0", startedAt: 10, status: "done" });
    const fresh = run({ id: "r2", startedAt: 2000 });
    expect(currentRun(old, fresh)).toBe(fresh);
    expect(currentRun(fresh, old)).toBe(fresh);
    expect(currentRun(null, fresh)).toBe(fresh);
    expect(currentRun(old, null)).toBe(old);
    expect(currentRun(null, null)).toBeNull();
  });
});

describe("stepCounts", () => {
  it("counts steps by status", () => {
    expect(stepCounts(run())).toEqual({ ok: 1, failed: 0, running: 1, pending: 1 });
  });
});
