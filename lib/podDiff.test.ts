import { describe, it, expect } from "vitest";
import { createPodDiffer, diffPods, rememberPodIps } from "./podDiff";
import { englishText } from "./i18n/testing";
import type { PodState } from "./types";
import type { NewEvent } from "./events";

const NAME = "ds-redis-redis-cluster-2";

function pod(over: Partial<PodState> = {}): PodState {
  return {
    name: NAME,
    ip: "127.42.2.9",
    phase: "Running",
    ready: true,
    readyReason: null,
    restarts: 0,
    createdAt: 1000,
    node: null,
    ...over,
  };
}

const other: PodState = { ...pod(), name: "ds-redis-redis-cluster-3", ip: "127.42.2.10" };
const messages = (events: NewEvent[]) => events.map((e) => [e.kind, englishText(e)]);

describe("diffPods", () => {
  it("is silent on the first listing and when nothing changed", () => {
    expect(diffPods([], [pod(), other], 1)).toEqual([]);
    expect(diffPods([pod(), other], [pod(), other], 1)).toEqual([]);
  });

  it("reports a graceful delete", () => {
    const events = diffPods([pod(), other], [pod({ phase: "Terminating", ready: false }), other], 7);
    expect(events).toEqual([
      { t: 7, kind: "pod-deleted", params: { pod: NAME, ip: "127.42.2.9", gone: false } },
    ]);
    expect(messages(events)).toEqual([
      ["pod-deleted", 'pod "ds-redis-redis-cluster-2" deleted (Terminating, IP 127.42.2.9)'],
    ]);
  });

  it("reports the recreated pod with its new and old IP when it comes straight back", () => {
    const events = diffPods(
      [pod({ phase: "Terminating", ready: false })],
      [pod({ ip: "127.42.2.12", createdAt: 2000, ready: false, readyReason: "cluster_state:fail" })],
      1,
    );
    expect(messages(events)).toEqual([
      ["pod-recreated", 'pod "ds-redis-redis-cluster-2" recreated with new IP 127.42.2.12 (was 127.42.2.9)'],
      ["pod-not-ready", 'pod "ds-redis-redis-cluster-2" is not ready (0/1): cluster_state:fail'],
    ]);
  });

  it("follows the Kubernetes sequence: Terminating, gone, Pending without IP, Running with a new IP", () => {
    const differ = createPodDiffer();
    const steps: PodState[][] = [
      [pod(), other],
      [pod({ phase: "Terminating", ready: false }), other],
      [other],
      [other, pod({ phase: "Pending", ip: null, ready: false, createdAt: 2000 })],
      [other, pod({ ip: "127.42.2.12", ready: false, createdAt: 2000 })],
      [other, pod({ ip: "127.42.2.12", ready: false, readyReason: "cluster_state:fail", createdAt: 2000 })],
      [other, pod({ ip: "127.42.2.12", ready: false, readyReason: "cluster_state:fail", createdAt: 2000 })],
      [other, pod({ ip: "127.42.2.12", ready: true, createdAt: 2000 })],
    ];
    const log = steps.flatMap((s, i) => messages(differ.update(s, i)));
    expect(log).toEqual([
      ["pod-deleted", 'pod "ds-redis-redis-cluster-2" deleted (Terminating, IP 127.42.2.9)'],
      ["pod-recreated", 'pod "ds-redis-redis-cluster-2" recreated with new IP 127.42.2.12 (was 127.42.2.9)'],
      ["pod-not-ready", 'pod "ds-redis-redis-cluster-2" is not ready (0/1): cluster_state:fail'],
      ["pod-ready", 'pod "ds-redis-redis-cluster-2" is ready (1/1)'],
    ]);
  });

  it("reports a pod that vanishes without Terminating and comes back (crash delete)", () => {
    const gone = diffPods([pod(), other], [other], 1);
    expect(messages(gone)).toEqual([
      ["pod-deleted", 'pod "ds-redis-redis-cluster-2" deleted (was 127.42.2.9)'],
    ]);
    const back = diffPods(
      [other],
      [other, pod({ ip: "127.42.2.12", createdAt: 2000, ready: false })],
      2,
      rememberPodIps({}, [pod()]),
    );
    expect(messages(back)).toEqual([
      ["pod-recreated", 'pod "ds-redis-redis-cluster-2" recreated with new IP 127.42.2.12 (was 127.42.2.9)'],
    ]);
  });

  it("reports readiness lost and regained", () => {
    const lost = diffPods([pod()], [pod({ ready: false, readyReason: "PING timed out" })], 1);
    expect(messages(lost)).toEqual([
      ["pod-not-ready", 'pod "ds-redis-redis-cluster-2" is not ready (0/1): PING timed out'],
    ]);
    expect(messages(diffPods([pod({ ready: false })], [pod()], 2))).toEqual([
      ["pod-ready", 'pod "ds-redis-redis-cluster-2" is ready (1/1)'],
    ]);
  });

  it("does not announce the first creation of a pod as a re-creation", () => {
    const events = diffPods([pod({ phase: "Pending", ip: null, ready: false })], [pod({ ready: false })], 1);
    expect(events).toEqual([]);
  });
});

describe("rememberPodIps", () => {
  it("keeps the last IP of pods that lost theirs", () => {
    const ips = rememberPodIps({ [NAME]: "127.42.2.9" }, [pod({ ip: null, phase: "Pending" }), other]);
    expect(ips).toEqual({ [NAME]: "127.42.2.9", "ds-redis-redis-cluster-3": "127.42.2.10" });
  });
});
