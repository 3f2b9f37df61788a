import { describe, expect, it } from "vitest";
import { advancePodWatch, startPodWatch, watchStatus } from "./podWatch";
import { fixturePod } from "./testFixtures";
import type { PodState } from "./types";

const T = 1_700_000_000_000;
const MIN = 60_000;

function cluster(over: Record<number, Partial<PodState>> = {}): PodState[] {
  return [0, 1, 2, 3, 4, 5].map((i) =>
    fixturePod(`ds-redis-redis-cluster-${i}`, `10.42.2.${70 + i}`, { createdAt: T - 10 * MIN, ...over[i] }),
  );
}

describe("startPodWatch", () => {
  // The seed's own terminal (lab A, `kubectl -n redis-mr get pod -w`): columns padded to the widest cell + 3.
  it("prints the header and the first listing aligned as one block, as in the seed", () => {
    const pods = [
      fixturePod("ds-redis-master-0", "10.42.0.9", { ready: false, createdAt: T - 5000 }),
      fixturePod("ds-redis-replicas-0-abcdefgh", "10.42.0.10", { createdAt: T - 5000 }),
    ];
    const w = startPodWatch(pods, T);
    expect(w.header).toBe("NAME                           READY   STATUS    RESTARTS   AGE");
    expect(w.lines[0]).toBe("ds-redis-master-0              0/1     Running   0          5s");
  });

  it("lists pods in name order with kubectl's AGE", () => {
    const w = startPodWatch([...cluster()].reverse(), T);
    expect(w.header).toBe("NAME                       READY   STATUS    RESTARTS   AGE");
    expect(w.lines).toHaveLength(6);
    expect(w.lines[0]).toBe("ds-redis-redis-cluster-0   1/1     Running   0          10m");
  });
});

describe("advancePodWatch", () => {
  it("adds one line per change, newest at the bottom, widening a column from the line that needs it on", () => {
    const w0 = startPodWatch(cluster(), T);
    const terminating = cluster({ 2: { phase: "Terminating", ready: false, readyReason: "Terminating" } });
    const w1 = advancePodWatch(w0, cluster(), terminating, T + 1000, 100);
    const gone = terminating.filter((p) => p.name !== "ds-redis-redis-cluster-2");
    const w2 = advancePodWatch(w1, terminating, gone, T + 2000, 100);
    const pending = [
      ...gone,
      fixturePod("ds-redis-redis-cluster-2", null, { createdAt: T + 2500, readyReason: "ContainerCreating" }),
    ];
    const w3 = advancePodWatch(w2, gone, pending, T + 3000, 100);
    const running = cluster({ 2: { ip: "10.42.2.82", ready: false, createdAt: T + 2500 } });
    const w4 = advancePodWatch(w3, pending, running, T + 4000, 100);
    const ready = cluster({ 2: { ip: "10.42.2.82", ready: true, createdAt: T + 2500 } });
    const w5 = advancePodWatch(w4, running, ready, T + 30_000, 100);

    expect(w5.lines.slice(6)).toEqual([
      "ds-redis-redis-cluster-2   0/1     Terminating   0          10m",
      // The DELETED event prints the pod's last state again.
      "ds-redis-redis-cluster-2   0/1     Terminating   0          10m",
      "ds-redis-redis-cluster-2   0/1     ContainerCreating   0          0s",
      "ds-redis-redis-cluster-2   0/1     Running             0          1s",
      "ds-redis-redis-cluster-2   1/1     Running             0          27s",
    ]);
    // The first listing keeps the widths it was printed with.
    expect(w5.lines[0]).toBe("ds-redis-redis-cluster-0   1/1     Running   0          10m");
    expect(w5.header).toBe(w0.header);
  });

  it("returns the same watch when nothing a watch event would carry changed", () => {
    const w0 = startPodWatch(cluster(), T);
    expect(advancePodWatch(w0, cluster(), cluster(), T + 5000, 100)).toBe(w0);
  });

  it("prints restarts and keeps only the newest lines", () => {
    let w = startPodWatch(cluster(), T);
    let prev = cluster();
    for (let r = 1; r <= 5; r++) {
      const next = cluster({ 1: { restarts: r } });
      w = advancePodWatch(w, prev, next, T, 4);
      prev = next;
    }
    expect(w.lines).toHaveLength(4);
    expect(w.lines.at(-1)).toBe("ds-redis-redis-cluster-1   1/1     Running   5          10m");
    expect(w.lines[0]).toContain("Running   2 ");
  });
});

describe("watchStatus", () => {
  it("shows the container's waiting reason where kubectl does, the phase otherwise", () => {
    const p = fixturePod("p-0", "10.0.0.1");
    expect(
      watchStatus({ ...p, phase: "Running", ready: false, readyReason: "CrashLoopBackOff: back-off 10s" }),
    ).toBe("CrashLoopBackOff");
    expect(watchStatus({ ...p, ready: false, readyReason: "cluster_state:fail" })).toBe("Running");
    expect(watchStatus({ ...p, phase: "Terminating", readyReason: "ContainerCreating" })).toBe("Terminating");
    expect(watchStatus({ ...p, phase: "Pending", ip: null, readyReason: null })).toBe("Pending");
  });
});

describe("AGE in a watch line", () => {
  it("is 0s for a pod stamped a moment after the page's clock, and <unknown> without a creation time", () => {
    const w0 = startPodWatch(cluster(), T);
    const fresh = cluster({ 2: { createdAt: T + 3000, ready: false } });
    const w1 = advancePodWatch(w0, cluster(), fresh, T, 100);
    expect(w1.lines.at(-1)).toBe("ds-redis-redis-cluster-2   0/1     Running   0          0s");
    const w2 = advancePodWatch(w1, fresh, cluster({ 2: { createdAt: 0, ready: false } }), T, 100);
    expect(w2.lines.at(-1)).toMatch(/<unknown>$/);
  });
});
