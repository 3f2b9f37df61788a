import { describe, expect, it } from "vitest";
import { EVENT_KINDS, type EventKind, type EventParams, newEvent } from "../events";
import { translator } from "./catalogue";
import { eventText } from "./eventText";
import { LOCALES } from "./locale";

const NODE = {
  nodeId: "e64f0b9d8ca9b97ebe0ef4982542bd592cd5ee07",
  pod: "ds-redis-redis-cluster-2",
  ip: "10.42.2.79",
};

/** One example of every kind: a new kind without an example (and so without a tested text) fails to compile. */
const EXAMPLES: { [K in EventKind]: EventParams[K] } = {
  "pod-deleted": { pod: "ds-redis-redis-cluster-2", ip: "10.42.2.79", gone: false },
  "pod-recreated": { pod: "ds-redis-redis-cluster-2", ip: "10.42.2.82", oldIp: "10.42.2.79" },
  "pod-ready": { pod: "ds-redis-redis-cluster-2" },
  "pod-not-ready": { pod: "ds-redis-redis-cluster-2", reason: "cluster_state:fail" },
  "node-pfail": NODE,
  "node-fail": NODE,
  "node-recovered": { ...NODE, was: "FAIL" },
  "node-added": { ...NODE, role: "master", masterId: null },
  "node-forgotten": NODE,
  "replica-promoted": { ...NODE, slots: "10923-16383" },
  "role-changed": {
    ...NODE,
    role: "replica",
    was: "master",
    masterId: NODE.nodeId,
    wasMasterId: null,
    slots: "",
  },
  "cluster-state": { state: "fail" },
  log: {
    pod: "ds-redis-redis-cluster-3",
    logKind: "replica-promoted",
    nodeId: null,
    line: "Failover election won: I'm the new master.",
  },
  "delete-requested": { actor: "민지", pod: "ds-redis-redis-cluster-2", nodeId: NODE.nodeId, mode: "crash" },
  "delete-failed": { actor: "민지", pod: "ds-redis-redis-cluster-2", error: "pods is forbidden" },
  "auto-repair-set": { actor: "instructor", enabled: true },
  "lab-reset-started": { actor: "instructor", persistence: true },
  "lab-reset-done": { actor: "instructor", lab: "replication" },
  "repair-started": { actor: "instructor", auto: false, replanned: true, steps: 3 },
  "repair-step": {
    actor: "instructor",
    index: 1,
    count: 3,
    step: "forget",
    ok: true,
    pod: null,
    nodeId: null,
    detail: { code: "stepForgotten", params: { nodes: 5, ms: 3 } },
  },
  "replica-full-resync": { pod: "ds-redis-replicas-0", masterPod: "ds-redis-master-0", keys: 0 },
  "replica-link-down": { pod: "ds-redis-replicas-0", masterPod: "ds-redis-master-0" },
  "replica-link-up": { pod: "ds-redis-replicas-1", masterPod: null },
  "replica-master-changed": {
    pod: "ds-redis-replicas-0",
    from: "10.42.2.80",
    to: "10.42.2.91",
    masterPod: "ds-redis-master-0",
  },
  "replication-role-changed": { pod: "ds-redis-replicas-1", from: "slave", to: "master" },
  "master-replid-changed": { pod: "ds-redis-master-0", keys: 1 },
  "keys-lost": { pod: "ds-redis-replicas-0", keys: ["a"], dbsizeBefore: 1, dbsizeAfter: 0 },
  "key-set": { actor: "instructor", key: "a", value: "3333" },
  "lab-switch-started": { actor: "instructor", lab: "replication", persistence: false },
  "lab-switched": { actor: "instructor", lab: "cluster", persistence: null },
  "replication-run-ended": {
    runId: "run-2",
    actor: "instructor",
    pod: "ds-redis-master-0",
    recovered: true,
    masterAwayMs: 2500,
    lostOnMaster: true,
    lostOnReplicas: 2,
    keys: ["a"],
  },
  "repair-finished": {
    actor: "instructor",
    ok: false,
    detail: {
      code: "outcomeStepFailed",
      params: {
        index: 2,
        step: "meet",
        detail: {
          code: "stepRedisError",
          params: { pod: "ds-redis-redis-cluster-0", error: "ERR Unknown node" },
        },
      },
    },
  },
  "grant-changed": { actor: "instructor", action: "delete", to: "민지", allowed: true },
  "prediction-opened": {
    actor: "instructor",
    questionId: "q-1",
    question: "newMaster",
    key: "a",
    slot: 15495,
    options: 5,
  },
  "prediction-closed": {
    actor: null,
    questionId: "q-1",
    question: "downtime",
    key: "a",
    slot: 15495,
    answers: 3,
    counts: [
      { option: { id: "r0", kind: "range", fromMs: 0, toMs: 7500 }, count: 1 },
      { option: { id: "r2", kind: "range", fromMs: 15_000, toMs: 30_000 }, count: 2 },
      { option: { id: "r3", kind: "range", fromMs: 30_000, toMs: null }, count: 0 },
    ],
  },
  "run-ended": {
    runId: "run-1",
    actor: "instructor",
    pod: "ds-redis-redis-cluster-2",
    nodeId: NODE.nodeId,
    recovered: true,
    failAfterMs: 19_750,
    promotedAfterMs: 20_800,
    downtime: [{ key: "a", lane: "cluster", ms: 21_200 }],
  },
};

describe.each(LOCALES)("eventText in %s", (locale) => {
  const t = translator(locale);
  it.each(EVENT_KINDS)("renders %s with its facts and no unfilled placeholder", (kind) => {
    const text = eventText(t, newEvent(kind, 0, EXAMPLES[kind] as never));
    expect(text).not.toMatch(/[{}]|events\./);
    expect(text.length).toBeGreaterThan(3);
    const p = EXAMPLES[kind] as { pod?: string };
    if (p.pod) expect(text).toContain(p.pod);
  });

  it("keeps Redis's own words as Redis prints them", () => {
    expect(eventText(t, newEvent("cluster-state", 0, { state: "fail" }))).toBe("cluster_state: fail");
    expect(eventText(t, newEvent("node-fail", 0, NODE))).toContain("(FAIL)");
  });
});

describe("lab A's events", () => {
  it("a reset says which lab it made fresh; an old journal's reset is the cluster lab's", () => {
    const t = translator("en");
    const a = eventText(t, newEvent("lab-reset-done", 0, { actor: "i", lab: "replication" }));
    expect(a).toContain("master with 2 replicas");
    expect(a).not.toContain("3+3");
    expect(eventText(t, newEvent("lab-reset-done", 0, { actor: "i", lab: "cluster" }))).toContain(
      "3+3 cluster",
    );
    expect(eventText(t, newEvent("lab-reset-done", 0, { actor: "i" }))).toContain("3+3 cluster");
  });

  it("say a full resync came from an empty master, and which keys read (nil)", () => {
    const t = translator("en");
    expect(eventText(t, newEvent("replica-full-resync", 0, EXAMPLES["replica-full-resync"]))).toBe(
      "replica ds-redis-replicas-0 full resync from an empty master: 0 keys",
    );
    expect(eventText(t, newEvent("keys-lost", 0, EXAMPLES["keys-lost"]))).toBe(
      "data lost on ds-redis-replicas-0: a read (nil); DBSIZE 1 → 0",
    );
    expect(eventText(t, newEvent("replication-run-ended", 0, EXAMPLES["replication-run-ended"]))).toBe(
      "Run after deleting ds-redis-master-0: recovered — data lost on the master and 2 replicas: keys a; the master was away 2.5 s",
    );
    expect(
      eventText(translator("ko"), newEvent("replication-run-ended", 0, EXAMPLES["replication-run-ended"])),
    ).toBe(
      "ds-redis-master-0 삭제 후 실행 결과: 복구됨 — 마스터와 레플리카 2개에서 데이터 유실: 키 a; 마스터 부재 2.5 s",
    );
  });
});

describe("prediction events", () => {
  it("name the question with its slot and list the counts per choice in the viewer's words", () => {
    const opened = newEvent("prediction-opened", 0, EXAMPLES["prediction-opened"]);
    const closed = newEvent("prediction-closed", 0, EXAMPLES["prediction-closed"]);
    expect(eventText(translator("en"), opened)).toBe(
      "instructor asked the room: Which node becomes master of slot 15495? (5 choices)",
    );
    expect(eventText(translator("en"), closed)).toBe(
      "answers closed as the run ended: 3 answers — under 7.5 s: 1 · 15–30 s: 2 · more than 30 s: 0",
    );
    expect(eventText(translator("ko"), opened)).toBe(
      "instructor 님이 질문을 냄: 슬롯 15495의 새 마스터는 어느 노드가 될까요? (보기 5개)",
    );
    expect(eventText(translator("ko"), closed)).toBe(
      "실행이 끝나 답변 마감: 답변 3개 — 7.5초 미만: 1명 · 15–30초: 2명 · 30초 초과: 0명",
    );
  });
});

describe("repair steps and results", () => {
  it("render the step's note in the viewer's language and keep Redis's own answer verbatim", () => {
    const step = newEvent("repair-step", 0, EXAMPLES["repair-step"]);
    expect(eventText(translator("en"), step)).toBe(
      "repair step 1/3 FORGET: ok — forgotten on 5 nodes in 3 ms",
    );
    expect(eventText(translator("ko"), step)).toBe("복구 단계 1/3 FORGET: 성공 — 노드 5개에서 잊음, 3밀리초");
    const finished = newEvent("repair-finished", 0, EXAMPLES["repair-finished"]);
    expect(eventText(translator("en"), finished)).toBe(
      "repair failed: step 2 (meet) failed: ds-redis-redis-cluster-0: ERR Unknown node",
    );
    expect(eventText(translator("ko"), finished)).toContain("ds-redis-redis-cluster-0: ERR Unknown node");
  });
});

describe("eventText in Korean", () => {
  it("reads as the course writes it", () => {
    const t = translator("ko");
    expect(eventText(t, newEvent("replica-promoted", 0, EXAMPLES["replica-promoted"]))).toBe(
      "ds-redis-redis-cluster-2 (e64f0b9d) 마스터로 승격, 슬롯 10923-16383 담당",
    );
    expect(eventText(t, newEvent("grant-changed", 0, EXAMPLES["grant-changed"]))).toBe(
      "instructor 님이 민지 님에게 파드 삭제 권한을 줌",
    );
    expect(eventText(t, newEvent("repair-started", 0, EXAMPLES["repair-started"]))).toBe(
      "instructor 님이 복구 시작: 3단계 — 토폴로지가 바뀌어 계획을 다시 세움",
    );
  });
});
