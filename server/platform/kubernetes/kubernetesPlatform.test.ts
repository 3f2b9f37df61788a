import { clusterKubeChart } from "@/lib/labs/cluster/kubeChart";
import { replicationKubeChart } from "@/lib/labs/replication/kubeChart";
import { afterEach, describe, expect, it } from "vitest";
import { KubernetesStartupError } from "./errors";
import {
  KubernetesPlatform,
  type KubernetesPlatformConfig,
  type KubernetesPlatformTestHooks,
} from "./kubernetesPlatform";
import { requiredPermissions } from "./permissions";
import type { PodWatch } from "./podWatch";
import { FakeKubeApi, type RoleRule } from "./testing/fakeKubeApi";
import { NS, POD, RELEASE, seededFake, waitFor } from "./testing/helpers";

let fake: FakeKubeApi | undefined;
let platform: KubernetesPlatform | undefined;

const config: KubernetesPlatformConfig = {
  namespace: NS,
  release: RELEASE,
  chart: clusterKubeChart,
  reach: "pod-ip",
};

async function startPlatform(
  overrides: Partial<KubernetesPlatformConfig> = {},
  checkRedis = false,
  hooks: Partial<KubernetesPlatformTestHooks> = {},
) {
  platform = new KubernetesPlatform(
    { ...config, ...overrides },
    {
      kubeConfig: fake!.kubeConfig(),
      checkRedis,
      readinessProbePeriodMs: 0,
      redisCheckTimeoutMs: 500,
      watch: { backoffMinMs: 5, backoffMaxMs: 20 },
      ...hooks,
    },
  );
  await platform.start();
  return platform;
}

async function startupProblems(overrides: Partial<KubernetesPlatformConfig> = {}, checkRedis = false) {
  const err = await startPlatform(overrides, checkRedis).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(KubernetesStartupError);
  return (err as KubernetesStartupError).problems;
}

/** The Role of deploy/kubernetes, as rules, built from the one permission list. */
function roleRules(release = RELEASE): RoleRule[] {
  return requiredPermissions(release, clusterKubeChart).map((p) => ({
    apiGroups: [p.group],
    resources: [p.subresource ? `${p.resource}/${p.subresource}` : p.resource],
    verbs: [p.verb],
    ...(p.resourceName ? { resourceNames: [p.resourceName] } : {}),
  }));
}

const deletes = () => fake!.requests.filter((r) => r.method === "DELETE");

afterEach(async () => {
  await platform?.stop();
  platform = undefined;
  await fake?.close();
  fake = undefined;
});

describe("KubernetesPlatform start-up", () => {
  it("starts with exactly the Role's permissions and reads the password from the chart's secret", async () => {
    fake = await seededFake();
    fake.rules = roleRules();
    const p = await startPlatform();
    expect(p.password).toBe("new1234");
    expect(p.pods().map((s) => s.name)).toEqual([0, 1, 2, 3, 4, 5].map(POD));
    expect(p.scope).toBe("redis-cluster/ds-redis");
    expect(p.persistence).toBe(true); // the chart's redis-data volumes are PVCs
    // Never in what could be serialised for a browser.
    expect(JSON.stringify(p)).not.toContain("new1234");
    expect(JSON.stringify(p.pods())).not.toContain("new1234");
  });

  it("uses REDIS_PASSWORD when given and then does not need the secret", async () => {
    fake = await seededFake();
    fake.rules = roleRules().filter((r) => !r.resources.includes("secrets"));
    const p = await startPlatform({ password: "from-env" });
    expect(p.password).toBe("from-env");
    expect(fake.requests.some((r) => r.path.includes("/secrets/"))).toBe(false);
  });

  it("names each missing permission, checked with SelfSubjectAccessReviews", async () => {
    fake = await seededFake();
    fake.rules = roleRules().filter((r) => !r.verbs.includes("delete") && !r.resources.includes("pods/log"));
    const problems = await startupProblems();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("no access in namespace redis-cluster");
    expect(problems[0]).toContain("delete pods (to delete a pod of the release)");
    expect(problems[0]).toContain("get pods/log");
    expect(problems[0]).not.toContain("list pods");
    const reviews = fake.requests.filter((r) => r.path.endsWith("/selfsubjectaccessreviews"));
    expect(reviews.map((r) => r.body.spec.resourceAttributes.verb).sort()).toEqual(
      ["delete", "get", "get", "get", "list", "watch"].sort(),
    );
  });

  it("says the secret is missing", async () => {
    fake = await seededFake();
    // A release whose pods exist but whose secret does not.
    for (let i = 0; i < 2; i++) fake.addPod({ name: `other-redis-cluster-${i}`, release: "other" });
    const problems = await startupProblems({ release: "other" });
    expect(problems.join("\n")).toMatch(
      /password secret redis-cluster\/other-redis-cluster not found.*REDIS_PASSWORD/,
    );
  });

  it("says the release is not found, and which releases are there", async () => {
    fake = await seededFake();
    const problems = await startupProblems({ release: "ds-redis2" });
    expect(problems[0]).toContain("release ds-redis2 not found");
    expect(problems[0]).toContain("ds-redis (chart redis-cluster)");
  });

  it("says the namespace is not found", async () => {
    fake = await seededFake();
    const problems = await startupProblems({ namespace: "redis-clustr" });
    expect(problems[0]).toBe("namespace redis-clustr not found (set KUBE_NAMESPACE)");
  });

  it("says the lab does not match the release's chart", async () => {
    fake = await seededFake();
    const problems = await startupProblems({
      chart: replicationKubeChart,
      otherCharts: [clusterKubeChart],
      password: "x",
    });
    expect(problems[0]).toContain("set DASHBOARD_LAB=cluster");
  });

  it("says when the API server cannot be reached", async () => {
    fake = await seededFake();
    const kc = fake.kubeConfig();
    await fake.close();
    fake = undefined;
    platform = new KubernetesPlatform(config, {
      kubeConfig: kc,
      checkRedis: false,
      readinessProbePeriodMs: 0,
    });
    const err = (await platform.start().catch((e: unknown) => e)) as KubernetesStartupError;
    expect(err.problems[0]).toMatch(
      /cannot reach the Kubernetes API server at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/,
    );
  });

  it("says when Redis is unreachable from here and suggests port-forward", async () => {
    fake = await seededFake();
    // A loopback address where nothing listens stands for a pod IP that is not routable from here.
    fake.updatePod(POD(0), (p) => (p.status.podIP = "127.1.2.3"));
    const problems = await startupProblems({}, true);
    expect(problems[0]).toContain(`Redis unreachable from here: pod ${POD(0)} at 127.1.2.3:6379`);
    expect(problems[0]).toContain("KUBE_REACH=port-forward");
  });
});

describe("KubernetesPlatform actions", () => {
  it("refuses to delete a pod outside the release, in any namespace, before calling the API", async () => {
    fake = await seededFake();
    const p = await startPlatform();
    for (const name of [
      "redis-client-9f57dc6d6-7kffv", // same namespace, not of the release
      "ds-redis-redis-cluster-9", // right shape, no such pod
      "../other/pods/ds-redis-redis-cluster-2",
      "other/ds-redis-redis-cluster-2",
      "ds-redis-redis-cluster-2?namespace=other",
      "",
    ]) {
      expect(p.ownsPod(name)).toBe(false);
      await expect(p.deletePod(name, "graceful")).rejects.toThrow(/refused/);
    }
    expect(deletes()).toHaveLength(0);
    expect(p.ownsPod(POD(2))).toBe(true);
  });

  it("deletes gracefully (default grace period) or as a crash (0), and sees the pod back with a new IP", async () => {
    fake = await seededFake();
    const p = await startPlatform();
    await p.deletePod(POD(2), "graceful");
    expect(deletes()[0]).toMatchObject({ path: `/api/v1/namespaces/${NS}/pods/${POD(2)}` });
    expect(deletes()[0].query.gracePeriodSeconds).toBeUndefined();
    expect(deletes()[0].body.gracePeriodSeconds).toBeUndefined(); // the pod's own 30 s
    expect(deletes()[0].body.preconditions.uid).toBeTruthy();
    await waitFor(() => p.pods().find((s) => s.name === POD(2))?.ip === "10.42.2.90", "the new IP");
    const back = p.pods().find((s) => s.name === POD(2))!;
    expect(back).toMatchObject({ phase: "Running", ready: false });
    // The other namespace's pod of the same name was not touched.
    expect(fake.pod(POD(2), "other").metadata.deletionTimestamp).toBeUndefined();

    await p.deletePod(POD(3), "crash");
    expect(deletes()[1].body).toMatchObject({ kind: "DeleteOptions", gracePeriodSeconds: 0 });
    await waitFor(() => p.pods().find((s) => s.name === POD(3))?.ip === "10.42.2.91", "the crashed pod back");
  });

  it("a crash is grace period 0 in the body's DeleteOptions: the pod is gone at once, never Terminating", async () => {
    fake = await seededFake({ recreateMs: 20 });
    const p = await startPlatform();
    const seen: string[] = [];
    p.onPods((pods) => seen.push(pods.find((s) => s.name === POD(3))?.phase ?? "absent"));
    await p.deletePod(POD(3), "crash");
    expect(deletes()[0].query).toEqual({});
    expect(deletes()[0].body).toMatchObject({
      gracePeriodSeconds: 0,
      preconditions: { uid: expect.any(String) },
    });
    expect(seen).not.toContain("Terminating");
    expect(seen).toContain("absent");
    expect(p.pods().find((s) => s.name === POD(3))).toMatchObject({ phase: "Running", ip: "10.42.2.90" });
  });

  it("the fake is as particular as the API server: with a body, the query's gracePeriodSeconds is ignored", async () => {
    // Held Terminating while we look: with the default 10 ms a loaded machine saw the replacement instead.
    fake = await seededFake({ terminationMs: 60_000 });
    const uid = fake.pod(POD(1)).metadata.uid;
    const res = await fetch(`${fake.url}/api/v1/namespaces/${NS}/pods/${POD(1)}?gracePeriodSeconds=0`, {
      method: "DELETE",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ preconditions: { uid } }),
    });
    expect(res.status).toBe(200);
    expect(fake.pod(POD(1)).metadata.deletionGracePeriodSeconds).toBe(30);
  });

  it("holds a delete until the replacement runs, so the action lock outlasts the API's 200", async () => {
    fake = await seededFake({ terminationMs: 30, recreateMs: 30 });
    const p = await startPlatform();
    await p.deletePod(POD(2), "graceful");
    // Resolved only now: the watch shows the new incarnation Running at its new IP.
    expect(p.pods().find((s) => s.name === POD(2))).toMatchObject({ phase: "Running", ip: "10.42.2.90" });
    expect(fake.pod(POD(2)).metadata.uid).not.toBe(deletes()[0].body.preconditions.uid);
  });

  it("gives the lock back after a bounded wait when no replacement comes", async () => {
    fake = new FakeKubeApi({ onDelete: () => undefined }); // accepted, and then nothing happens
    await fake.start();
    for (let i = 0; i < 6; i++) fake.addPod({ name: POD(i) });
    const p = await startPlatform({ password: "x" }, false, { replacementTimeoutMs: 100 });
    let settled = false;
    const deleting = p.deletePod(POD(0), "graceful").then(() => (settled = true));
    await waitFor(() => deletes().length === 1, "the DELETE");
    expect(settled).toBe(false);
    await deleting;
    expect(p.pods().find((s) => s.name === POD(0))?.phase).toBe("Running"); // still the old one
  });

  it("lists only pods the release's StatefulSet owns: a labelled stray pod is not a row, nor deletable", async () => {
    fake = await seededFake();
    // `kubectl run ds-redis-debug` with the release's labels: no owner at all.
    fake.addPod({ name: "ds-redis-debug", ownerKind: null });
    // A copy with a name of the StatefulSet's shape, owned by something else.
    fake.addPod({ name: POD(6), ownerKind: "ReplicaSet", ownerName: "ds-redis-redis-cluster-copy" });
    // Owned by a StatefulSet, but another one than the release's.
    fake.addPod({ name: POD(7), ownerName: "ds-redis-redis-cluster-old" });
    const p = await startPlatform();
    expect(p.pods().map((s) => s.name)).toEqual([0, 1, 2, 3, 4, 5].map(POD));
    for (const name of ["ds-redis-debug", POD(6), POD(7)]) {
      expect(p.ownsPod(name)).toBe(false);
      await expect(p.deletePod(name, "crash")).rejects.toThrow(/refused/);
      expect(() => p.followLog(name, () => undefined)).toThrow(/refused/);
    }
    expect(deletes()).toHaveLength(0);
    // One that arrives later is not listed either.
    fake.addPod({ name: "ds-redis-debug-2", ownerKind: null });
    fake.setReady(POD(1), false);
    await waitFor(() => p.pods().find((s) => s.name === POD(1))?.ready === false, "the next change");
    expect(p.pods()).toHaveLength(6);
  });

  it("says the API server is unreachable, since when, and that it is back", async () => {
    fake = await seededFake();
    const p = await startPlatform();
    const statuses: (number | null)[] = [];
    p.onStatus((s) => statuses.push(s.apiUnreachable?.since ?? null));
    expect(p.status().apiUnreachable).toBeNull();
    const before = Date.now();
    await fake.goAway();
    await waitFor(() => p.status().apiUnreachable !== null, "the outage to be noticed");
    const down = p.status().apiUnreachable!;
    expect(down.since).toBeGreaterThanOrEqual(before);
    expect(down.error).toMatch(/ECONNREFUSED|dropped|ECONNRESET/);
    // The pods stay as last seen (nothing else is known), and the status says they may be stale.
    expect(p.pods()).toHaveLength(6);
    // Retries keep the first moment of the outage.
    const watches = () => (p as unknown as { watch: PodWatch }).watch.stats.watches;
    const tried = watches();
    await waitFor(() => watches() >= tried + 2, "two more attempts");
    expect(p.status().apiUnreachable?.since).toBe(down.since);
    await fake.comeBack();
    await waitFor(() => p.status().apiUnreachable === null, "the API back");
    expect(statuses.at(-1)).toBeNull();
  });

  it("turns a 403 from the API into a message naming the verb and the resource", async () => {
    fake = await seededFake();
    const p = await startPlatform();
    fake.rules = roleRules().filter((r) => !r.verbs.includes("delete"));
    const err = (await p.deletePod(POD(1), "graceful").catch((e: unknown) => e)) as Error;
    expect(err.message).toContain(`delete pods ${POD(1)} in namespace ${NS} is forbidden (403)`);
    expect(err.message).toContain('cannot delete resource "pods"');
    expect(err.message).toContain("deploy/kubernetes/rbac.yaml");
  });

  it("publishes pod lists to listeners only when something changed", async () => {
    fake = await seededFake();
    const p = await startPlatform();
    const lists: string[][] = [];
    p.onPods((pods) => lists.push(pods.map((s) => `${s.name}:${s.ready}`)));
    fake.addPod({ name: "not-ours-0", labels: { app: "x" } });
    fake.setReady(POD(4), false);
    await waitFor(() => lists.length === 1, "one change");
    expect(lists[0][4]).toBe(`${POD(4)}:false`);
  });
});
