import { clusterKubeChart } from "@/lib/labs/cluster/kubeChart";
import { replicationKubeChart } from "@/lib/labs/replication/kubeChart";
import { describe, expect, it } from "vitest";
import type { V1Pod } from "@kubernetes/client-node";
import { FakeKubeApi } from "./testing/fakeKubeApi";
import {
  applyPodEvent,
  ownedPods,
  persistenceOf,
  podMapFromList,
  podStates,
  podToState,
  redisContainerOf,
} from "./podMapping";
import { redisContainerNames, releasePodNamePattern, secretName, statefulSetNames } from "./names";

// Pods shaped by the fake API (the real API's shape), taken as JSON like a watch event delivers them.
function pods(): { fake: FakeKubeApi; pod: (name: string) => V1Pod } {
  const fake = new FakeKubeApi();
  return { fake, pod: (name) => JSON.parse(JSON.stringify(fake.pod(name))) as V1Pod };
}

describe("podToState", () => {
  it("maps a ready Running pod like `kubectl get pod -o wide`", () => {
    const { fake, pod } = pods();
    fake.addPod({ name: "ds-redis-redis-cluster-0", ip: "10.42.2.76", restartCount: 2 });
    const s = podToState(pod("ds-redis-redis-cluster-0"), "redis-cluster");
    expect(s).toMatchObject({
      name: "ds-redis-redis-cluster-0",
      ip: "10.42.2.76",
      phase: "Running",
      ready: true,
      readyReason: null,
      restarts: 2,
      node: "bastion02",
    });
    expect(s.createdAt).toBeGreaterThan(0);
  });

  it("says why a running pod is not ready, and uses the probe's words when known", () => {
    const { fake, pod } = pods();
    fake.addPod({ name: "ds-redis-redis-cluster-2", ip: "10.42.2.82", ready: false });
    expect(podToState(pod("ds-redis-redis-cluster-2"), "redis-cluster")).toMatchObject({
      ready: false,
      readyReason: "readiness probe not passing",
    });
    expect(
      podToState(pod("ds-redis-redis-cluster-2"), "redis-cluster", "cluster_state:fail").readyReason,
    ).toBe("cluster_state:fail");
  });

  it("shows Terminating when deletionTimestamp is set, and Pending without an IP", () => {
    const { fake, pod } = pods();
    fake.addPod({ name: "a-0", ip: "10.42.2.76" });
    fake.updatePod("a-0", (p) => (p.metadata.deletionTimestamp = "2024-03-10T04:14:46Z"));
    expect(podToState(pod("a-0"))).toMatchObject({
      phase: "Terminating",
      ready: false,
      readyReason: "Terminating",
    });
    fake.addPod({ name: "b-0", ip: null, ready: false });
    expect(podToState(pod("b-0"))).toMatchObject({
      phase: "Pending",
      ip: null,
      readyReason: "ContainerCreating",
    });
  });

  it("accepts Date timestamps (list) and string timestamps (watch) alike", () => {
    const { fake, pod } = pods();
    fake.addPod({ name: "a-0" });
    const raw = pod("a-0");
    const asDate = {
      ...raw,
      metadata: { ...raw.metadata, creationTimestamp: new Date(String(raw.metadata!.creationTimestamp)) },
    };
    expect(podToState(asDate as V1Pod).createdAt).toBe(podToState(raw).createdAt);
  });
});

describe("applyPodEvent", () => {
  it("keeps the replacement when a late DELETED of the old incarnation arrives", () => {
    const { fake, pod } = pods();
    fake.addPod({ name: "ds-redis-redis-cluster-2", ip: "10.42.2.79" });
    const old = pod("ds-redis-redis-cluster-2");
    const replacement = {
      ...old,
      metadata: { ...old.metadata, uid: "new-uid" },
      status: { ...old.status, podIP: "10.42.2.82" },
    };
    let map = podMapFromList([old]);
    map = applyPodEvent(map, "ADDED", replacement as V1Pod);
    map = applyPodEvent(map, "DELETED", old);
    expect(podStates(map).map((s) => [s.name, s.ip])).toEqual([["ds-redis-redis-cluster-2", "10.42.2.82"]]);
  });

  it("sorts by name", () => {
    const { fake, pod } = pods();
    for (const n of ["x-2", "x-0", "x-1"]) fake.addPod({ name: n });
    const map = podMapFromList(["x-2", "x-0", "x-1"].map(pod));
    expect(podStates(map).map((s) => s.name)).toEqual(["x-0", "x-1", "x-2"]);
  });
});

describe("persistenceOf", () => {
  const MASTERS = replicationKubeChart.persistencePods;
  it("reads the chart's redis-data volume, the master's first", () => {
    const { fake, pod } = pods();
    fake.addPod({ name: "ds-redis-master-0", persistent: true });
    fake.addPod({ name: "ds-redis-replicas-0", persistent: false });
    expect(
      persistenceOf(podMapFromList([pod("ds-redis-replicas-0"), pod("ds-redis-master-0")]), MASTERS),
    ).toBe(true);
    expect(persistenceOf(podMapFromList([pod("ds-redis-replicas-0")]), MASTERS)).toBe(false);
    expect(persistenceOf(podMapFromList([]), MASTERS)).toBeNull();
  });
});

describe("names", () => {
  it("follows the charts' fullname rule", () => {
    expect(secretName("ds-redis", clusterKubeChart)).toBe("ds-redis-redis-cluster");
    expect(secretName("ds-redis", replicationKubeChart)).toBe("ds-redis");
    expect(secretName("lab", replicationKubeChart)).toBe("lab-redis");
    expect(releasePodNamePattern("ds-redis", clusterKubeChart).test("ds-redis-redis-cluster-5")).toBe(true);
    expect(releasePodNamePattern("ds-redis", clusterKubeChart).test("ds-redis-redis-cluster-5x")).toBe(false);
    expect(releasePodNamePattern("ds-redis", replicationKubeChart).test("ds-redis-master-0")).toBe(true);
    expect(releasePodNamePattern("ds-redis", replicationKubeChart).test("ds-redis-replicas-1")).toBe(true);
  });
});

describe("the redis container, from the pod spec", () => {
  const spec = (...names: string[]) => ({ spec: { containers: names.map((name) => ({ name })) } }) as V1Pod;
  const preferred = redisContainerNames("ds-redis", clusterKubeChart);

  it("is the one named after the chart's fullname, wherever it is in the list", () => {
    expect(preferred[0]).toBe("ds-redis-redis-cluster");
    expect(redisContainerOf(spec("ds-redis-redis-cluster", "metrics"), preferred)).toBe(
      "ds-redis-redis-cluster",
    );
    expect(redisContainerOf(spec("metrics", "ds-redis-redis-cluster"), preferred)).toBe(
      "ds-redis-redis-cluster",
    );
  });

  it("else the first that is not a sidecar (lab A's chart names it `redis`)", () => {
    expect(redisContainerOf(spec("metrics", "redis"), preferred)).toBe("redis");
    expect(redisContainerOf(spec("istio-proxy", "my-redis", "metrics"), preferred)).toBe("my-redis");
    expect(redisContainerOf(spec(), preferred)).toBeNull();
  });
});

describe("pods the release's StatefulSets own", () => {
  const pod = (name: string, owner?: { kind: string; name: string; controller?: boolean }) =>
    ({
      metadata: {
        name,
        ownerReferences: owner ? [{ apiVersion: "apps/v1", uid: "u", ...owner }] : undefined,
      },
    }) as V1Pod;

  it("keeps only pods controlled by one of the named StatefulSets", () => {
    const map = new Map(
      [
        pod("ds-redis-redis-cluster-0", { kind: "StatefulSet", name: "ds-redis-redis-cluster" }),
        pod("ds-redis-debug"),
        pod("ds-redis-redis-cluster-6", { kind: "ReplicaSet", name: "ds-redis-redis-cluster" }),
        pod("ds-redis-redis-cluster-7", { kind: "StatefulSet", name: "other" }),
        pod("ds-redis-redis-cluster-8", {
          kind: "StatefulSet",
          name: "ds-redis-redis-cluster",
          controller: false,
        }),
      ].map((p) => [p.metadata!.name!, p]),
    );
    expect([...ownedPods(map, statefulSetNames("ds-redis", clusterKubeChart)).keys()]).toEqual([
      "ds-redis-redis-cluster-0",
    ]);
    expect(statefulSetNames("ds-redis", replicationKubeChart)).toEqual([
      "ds-redis-master",
      "ds-redis-replicas",
    ]);
  });
});
