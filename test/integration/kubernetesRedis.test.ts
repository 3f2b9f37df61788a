import { LAB_DEFINITIONS } from "@/lib/labs";
import { onTestNet } from "../../scripts/testNet";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import type { RepairPlan } from "@/lib/repairPlan";
import { keySlot } from "@/lib/slots";
import type { PodState } from "@/lib/types";
import { Engine } from "@/server/engine";
import { createKubernetesPlatform, type KubernetesPlatform } from "@/server/platform/kubernetes";
import { FakeKubeApi } from "@/server/platform/kubernetes/testing/fakeKubeApi";
import { LocalPlatform } from "@/server/platform/local/localPlatform";
import type { Platform } from "@/server/platform/types";
import { NODE_TIMEOUT_MS, waitFor } from "./harness";
import { topologyOf } from "@/lib/labs/cluster/state";

// The Redis side of the kubernetes platform against real redis-server processes. The local platform runs
// six real pods on loopback IPs and forms the 3+3 cluster; the fake API server lists six pods of release
// ds-redis whose status.podIP are those IPs. A small bridge below plays the kubelet and the StatefulSet
// controller: an API DELETE kills the real redis-server, and the real pod's lifecycle (Terminating, gone,
// Pending, Running at a new IP, Ready once the chart's readiness logic passes against the real Redis) is
// mirrored into the API. The engine sees only the kubernetes platform, so topology, probes, readiness
// reasons and repair all reach Redis through its pod-IP address resolution.

const NS = "redis-cluster";
const RELEASE = "ds-redis";
const IP_PREFIX = onTestNet("127.43.9");
const PASSWORD = "new1234";
const READINESS_PERIOD_MS = 500;
const RESTART_DELAY_MS = 500;
/** Promotion takes about 1.5 x node timeout plus the election delay (~1 s); leave room for a slow machine. */
const PROMOTION_BUDGET_MS = 6 * NODE_TIMEOUT_MS + 10_000;
const k8sPod = (i: number) => `${RELEASE}-redis-cluster-${i}`;
/**
 * The API pod of each local pod: reversed, so `ds-redis-redis-cluster-0` of the API runs on the local pod 5.
 * A pod name in the topology can then only have come from the API's pod list, mapped by IP.
 */
const localToK8s = (localName: string) => k8sPod(5 - Number(localName.replace(/^.*-/, "")));
const k8sToLocal = (name: string) => `${RELEASE}-redis-cluster-${5 - Number(name.replace(/^.*-/, ""))}`;

describe("the kubernetes platform's Redis side against real redis-server pods (reach: pod-ip)", () => {
  let dataDir: string;
  let local: LocalPlatform;
  let fake: FakeKubeApi;
  let platform: Platform & KubernetesPlatform;
  let engine: Engine;
  const resolved = new Set<string>();
  const bridgeErrors: string[] = [];
  /** Grace period of the last API DELETE per pod (0: crash). */
  const deleteGrace = new Map<string, number | null>();

  /** The kubelet and the StatefulSet controller: the real pod's state, written into the API. */
  function mirror(pods: PodState[]) {
    for (const lp of pods) {
      const name = localToK8s(lp.name);
      const fp = fake.pod(name, NS);
      if (lp.phase === "Terminating") {
        if (!fp || fp.metadata.deletionTimestamp) continue;
        // Grace period 0: the API removes the object at once; otherwise it shows Terminating first.
        if (deleteGrace.get(name) === 0) fake.removePod(name, NS);
        else fake.terminatePod(name, NS);
      } else if (lp.phase === "Pending") {
        if (fp?.metadata.deletionTimestamp) fake.removePod(name, NS);
        if (!fake.pod(name, NS))
          fake.addPod({ name, namespace: NS, ip: null, ready: false, persistent: false });
      } else if (lp.phase === "Running" && lp.ip) {
        if (!fp || fp.metadata.deletionTimestamp) continue;
        if (fp.status.podIP !== lp.ip) fake.runPod(name, lp.ip, NS);
        const ready = fake
          .pod(name, NS)
          .status.conditions.some(
            (c: { type: string; status: string }) => c.type === "Ready" && c.status === "True",
          );
        if (ready !== lp.ready) fake.setReady(name, lp.ready, NS);
      }
    }
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "failover-lab-it-k8s-"));
    local = new LocalPlatform({
      dataDir,
      password: PASSWORD,
      nodeTimeoutMs: NODE_TIMEOUT_MS,
      requireFullCoverage: true,
      persistence: false,
      readinessPeriodMs: READINESS_PERIOD_MS,
      restartDelayMs: RESTART_DELAY_MS,
      ipPrefix: IP_PREFIX,
      ipStart: 76,
      keys: { a: "11", b: "22", c: "33" },
    });
    await local.start();
    await waitFor("the six real pods ready", () => local.pods().every((p) => p.ready), 10_000);

    fake = new FakeKubeApi({
      onDelete: (pod, grace) => {
        deleteGrace.set(pod.name, grace);
        local
          .deletePod(k8sToLocal(pod.name), grace === 0 ? "crash" : "graceful")
          .catch((err: Error) => bridgeErrors.push(err.message));
      },
    });
    await fake.start();
    for (const lp of [...local.pods()].reverse())
      fake.addPod({ name: localToK8s(lp.name), namespace: NS, ip: lp.ip, ready: true, persistent: false });
    fake.addSecret(NS, `${RELEASE}-redis-cluster`, {
      "redis-password": Buffer.from(PASSWORD).toString("base64"),
    });
    local.onPods(mirror);

    const config = parseConfig({
      DASHBOARD_PLATFORM: "kubernetes",
      KUBE_NAMESPACE: NS,
      KUBE_RELEASE: RELEASE,
      KUBE_REACH: "pod-ip",
      CLUSTER_NODE_TIMEOUT_MS: String(NODE_TIMEOUT_MS),
      READINESS_PERIOD_MS: String(READINESS_PERIOD_MS),
      PROBE_INTERVAL_MS: "100",
    });
    expect(config.redisPassword).toBeUndefined(); // so the password comes from the chart's secret
    platform = await createKubernetesPlatform(
      {
        namespace: config.kubeNamespace,
        release: config.kubeRelease,
        chart: LAB_DEFINITIONS[config.lab].kube,
        reach: config.kubeReach,
        password: config.redisPassword,
      },
      {
        kubeConfig: fake.kubeConfig(),
        // The start-up Redis reachability check runs for real (checkRedis is left on).
        redisCheckTimeoutMs: 2000,
        readinessProbePeriodMs: READINESS_PERIOD_MS,
        watch: { backoffMinMs: 5, backoffMaxMs: 50 },
      },
    );
    // Every address the engine dials goes through the platform's resolution; record what it was asked.
    const resolve = platform.resolve.bind(platform);
    platform.resolve = (ip, port) => {
      resolved.add(`${ip}:${port}`);
      return resolve(ip, port);
    };
    engine = new Engine(platform, config);
    await engine.start();
  });

  afterAll(async () => {
    await engine?.stop();
    await local?.stop();
    await fake?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const store = () => engine.store;
  const masterOf = (slot: number) =>
    topologyOf(store().labState).nodes.find(
      (n) => n.role === "master" && n.pod && n.slots.some(([a, b]) => slot >= a && slot <= b),
    );
  const apiIp = (name: string) => fake.pod(name, NS)?.status.podIP as string | undefined;

  async function expectThreePlusThree() {
    const live = topologyOf(store().labState).nodes.filter((n) => n.pod);
    const masters = live.filter((n) => n.role === "master");
    expect(masters).toHaveLength(3);
    for (const m of masters) expect(live.filter((n) => n.masterId === m.id)).toHaveLength(1);
    expect(live).toHaveLength(6);
    // Every node's pod is the API pod whose status.podIP is the node's IP.
    for (const n of live) {
      expect(n.ip.startsWith(`${IP_PREFIX}.`)).toBe(true);
      expect(apiIp(n.pod!)).toBe(n.ip);
      expect(local.pods().find((p) => p.ip === n.ip)?.name).toBe(k8sToLocal(n.pod!));
    }
  }

  async function waitAllReadable() {
    const latest = await waitFor(
      "a, b and c read ok on both lanes",
      () => {
        const l = store().latestSamples();
        return l.length === 6 && l.every((s) => s.outcome === "ok") && l;
      },
      15_000,
    );
    for (const s of latest) expect(s.value).toBe({ a: "11", b: "22", c: "33" }[s.key]);
  }

  it("starts on the API's pods, reads the secret's password, and maps every node to its API pod by IP", async () => {
    expect(platform.kind).toBe("kubernetes");
    expect(platform.password).toBe(PASSWORD);
    expect(platform.persistence).toBe(false);
    expect(store().pods.map((p) => p.name)).toEqual([0, 1, 2, 3, 4, 5].map(k8sPod));
    expect(store().pods.every((p) => p.ready && p.phase === "Running")).toBe(true);
    await waitFor(
      "a 3+3 topology",
      () => topologyOf(store().labState).nodes.filter((n) => n.pod).length === 6,
      5000,
    );
    expect(topologyOf(store().labState).clusterState).toBe("ok");
    await expectThreePlusThree();
    await waitAllReadable();
    const plan = await engine.planRepair();
    expect(plan.healthy).toBe(true);
    expect(plan.steps).toEqual([]);
    // Only the pods' IPs were dialed, each through the platform's resolve().
    const podAddrs = new Set(store().pods.map((p) => `${p.ip}:6379`));
    expect([...resolved].every((a) => podAddrs.has(a))).toBe(true);
    expect(resolved.size).toBe(6);
  });

  it("a deleted master: the replica is promoted, the recreated pod knows only itself, and the repair brings 3+3", async () => {
    const victim = masterOf(keySlot("a"))!;
    const replica = topologyOf(store().labState).nodes.find((n) => n.masterId === victim.id)!;
    expect(victim.pod).toBeTruthy();
    expect(replica.pod).toBeTruthy();
    const oldIp = victim.ip;

    // Through the kubernetes platform: an API DELETE with grace period 0, which the bridge turns into SIGKILL.
    const failover = engine.deletePod({ name: "test" }, { pod: victim.pod, mode: "crash" });
    await waitFor("the API DELETE", () => deleteGrace.get(victim.pod!) === 0, 5000);
    const del = fake.requests.find((r) => r.method === "DELETE")!;
    expect(del.path).toBe(`/api/v1/namespaces/${NS}/pods/${victim.pod}`);
    expect(del.body.preconditions.uid).toBeTruthy();
    // In the body: with a body the API server ignores the query's DeleteOptions.
    expect(del.body.gracePeriodSeconds).toBe(0);
    expect(del.query.gracePeriodSeconds).toBeUndefined();

    // The API's 200 is not the end of the action: as on the local platform, the lock is held until the
    // replacement runs, so a second delete cannot start (and end this run) meanwhile.
    await waitFor(
      "the victim gone from the API's pod list",
      () => !store().pods.some((p) => p.name === victim.pod && p.phase === "Running"),
      5000,
    );
    expect(store().busy).toMatchObject({ action: "delete" });
    expect(() => engine.deletePod({ name: "test" }, { pod: replica.pod, mode: "crash" })).toThrow(
      /busy: ds-redis-redis-cluster-\d is being deleted by/,
    );

    const recreated = await waitFor(
      "the pod recreated at a new IP, as the API says",
      () => {
        const p = store().pods.find((x) => x.name === victim.pod);
        return p?.phase === "Running" && !!p.ip && p.ip !== oldIp && p;
      },
      10_000 + RESTART_DELAY_MS,
    );
    const newIp = recreated.ip!;
    await waitFor("the action lock released once the replacement runs", () => !store().busy, 5000);
    // The IP the real pod got is the one in the API and in the dashboard.
    expect(local.pods().find((p) => p.name === k8sToLocal(victim.pod!))!.ip).toBe(newIp);
    expect(apiIp(victim.pod!)).toBe(newIp);
    expect(newIp.startsWith(`${IP_PREFIX}.`)).toBe(true);

    // The run ends although the API stamps the replacement's creation in whole seconds.
    const ended = await waitFor(
      "the failover run to end",
      () => store().run(failover.id)?.status !== "running" && store().run(failover.id),
      6 * NODE_TIMEOUT_MS + 10_000,
    );
    expect(ended.status).toBe("recovered");
    expect(ended.promotedNodeId).toBe(replica.id);

    await waitFor(
      "the replica promoted",
      () => topologyOf(store().labState).nodes.find((n) => n.id === replica.id && n.role === "master"),
      PROMOTION_BUDGET_MS,
    );
    const promoted = topologyOf(store().labState).nodes.find((n) => n.id === replica.id)!;
    expect(promoted.slots).toEqual(victim.slots);
    expect(promoted.pod).toBe(replica.pod);

    // The recreated pod's Redis is an empty node that knows only itself; the platform's readiness hint says so.
    const view = await waitFor(
      "the recreated pod's own view",
      () =>
        topologyOf(store().labState).views.find((v) => v.pod === victim.pod && v.ip === newIp && v.reachable),
      5000,
    );
    expect(view.knownNodes).toBe(1);
    expect(view.myId).not.toBe(victim.id);
    const pod = await waitFor(
      "the readiness reason from the real Redis",
      () => {
        const p = store().pods.find((x) => x.name === victim.pod);
        return p?.readyReason?.startsWith("cluster_state:fail") && p;
      },
      4 * READINESS_PERIOD_MS + 5000,
    );
    expect(pod.ready).toBe(false);
    expect(pod.readyReason).toContain("cluster_known_nodes:1");

    const plan = await waitFor(
      "a forget/meet/replicate plan",
      async () => {
        const p = await engine.planRepair();
        return p.steps.some((s) => s.kind === "replicate") && p;
      },
      10_000,
      250,
    );
    expect(plan.steps.map((s) => s.kind)).toEqual(["forget", "meet", "replicate"]);
    const [forget, meet, replicate] = plan.steps as [
      Extract<RepairPlan["steps"][number], { kind: "forget" }>,
      Extract<RepairPlan["steps"][number], { kind: "meet" }>,
      Extract<RepairPlan["steps"][number], { kind: "replicate" }>,
    ];
    expect(forget.nodeId).toBe(victim.id);
    expect(forget.onPods).toHaveLength(5);
    expect(meet.pod).toBe(victim.pod);
    expect(meet.ip).toBe(newIp); // CLUSTER MEET uses the pod IP from the API
    expect(replicate.pod).toBe(victim.pod);
    expect(replicate.masterId).toBe(replica.id);
    expect(JSON.stringify(plan)).not.toContain(PASSWORD);

    await engine.repair({ name: "test" }, {});
    const run = await waitFor(
      "the repair to finish",
      () => store().repair?.status !== "running" && store().repair,
      // Each step may wait up to 15 s for gossip; the verification up to 3 readiness periods + 15 s.
      3 * 15_000 + 3 * READINESS_PERIOD_MS + 15_000,
    );
    expect(run.status, JSON.stringify(run.outcome)).toBe("done");
    expect(run.steps.every((s) => s.status === "ok")).toBe(true);
    // Ready in the API because the chart's readiness logic passed against the real Redis.
    expect(store().pods.every((p) => p.ready)).toBe(true);
    expect(fake.pod(victim.pod!, NS).status.conditions).toContainEqual(
      expect.objectContaining({ type: "Ready", status: "True" }),
    );
    await expectThreePlusThree();
    expect(topologyOf(store().labState).nodes.find((n) => n.pod === victim.pod)!.masterId).toBe(replica.id);
    for (const v of topologyOf(store().labState).views)
      expect(v.entries.map((e) => e.id)).not.toContain(victim.id);
    expect((await engine.planRepair()).healthy).toBe(true);
    await waitAllReadable();

    expect(bridgeErrors).toEqual([]);
    // Still only pod IPs of the API, now including the new one and the old one it replaced.
    expect(resolved.has(`${newIp}:6379`)).toBe(true);
    for (const a of resolved) expect(a.startsWith(`${IP_PREFIX}.`)).toBe(true);
  });
});
