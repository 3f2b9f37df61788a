import { describe, expect, it } from "vitest";
import { note, PLAN_CODES } from "../planNotes";
import { translator } from "./catalogue";
import { en } from "./en";
import { planText } from "./planText";

const SEPARATORS = ["listSeparator", "todoSeparator"];

describe("planText", () => {
  it("has a message for every plan code, and no message for a code that does not exist", () => {
    expect(Object.keys(en.plan).sort()).toEqual([...Object.keys(PLAN_CODES), ...SEPARATORS].sort());
  });

  it("renders nested notes and lists in the same language, Redis's error verbatim", () => {
    const failed = note("outcomeStepFailed", {
      index: 3,
      step: "replicate",
      detail: note("stepTimedOut", { wait: "isReplica", pod: "ds-redis-redis-cluster-2" }),
    });
    expect(planText(translator("en"), failed)).toBe(
      "step 3 (replicate) failed: timed out waiting for ds-redis-redis-cluster-2 to report itself a replica",
    );
    expect(planText(translator("ko"), failed)).toBe(
      "3단계 (replicate) 실패: 기다리다 시간 초과: ds-redis-redis-cluster-2가 스스로 레플리카라고 보고하기",
    );
    const summary = note("summaryRepair", {
      findings: [note("findingAlone", { pod: "c-2" }), note("findingNotOwned", { nodeId: "e64f0b9d" })],
      todo: [
        note("todoMeet", { pod: "c-2", ip: "10.42.2.82", via: "c-0" }),
        note("todoTakeover", { pod: "c-3", slots: "0-5" }),
      ],
      steps: 2,
      refused: 1,
    });
    expect(planText(translator("en"), summary)).toBe(
      "Found: c-2 knows only itself; e64f0b9d is not owned by any live pod. Plan: meet c-2 at 10.42.2.82 via c-0, then CLUSTER FAILOVER TAKEOVER on c-3 for slots 0-5 (data loss). 1 action refused (see why).",
    );
    const redis = note("stepRedisError", { pod: "none", error: "ERR Unknown node e64f0b9d" });
    expect(planText(translator("ko"), redis)).toBe("ERR Unknown node e64f0b9d");
  });
});
