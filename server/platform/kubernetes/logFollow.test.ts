import { clusterKubeChart } from "@/lib/labs/cluster/kubeChart";
import { afterEach, describe, expect, it } from "vitest";
import { KubernetesPlatform } from "./kubernetesPlatform";
import { KubeApi } from "./kubeApi";
import { LineSplitter, LogFollower, normalizeTimestamp, splitTimestamp } from "./logFollow";
import type { FakeKubeApi } from "./testing/fakeKubeApi";
import { NS, POD, RELEASE, seededFake, waitFor } from "./testing/helpers";

let fake: FakeKubeApi | undefined;
let platform: KubernetesPlatform | undefined;

async function start() {
  fake = await seededFake({ logEndDelayMs: 5 });
  platform = new KubernetesPlatform(
    { namespace: NS, release: RELEASE, chart: clusterKubeChart, reach: "pod-ip" },
    {
      kubeConfig: fake.kubeConfig(),
      checkRedis: false,
      readinessProbePeriodMs: 0,
      watch: { backoffMinMs: 5, backoffMaxMs: 20 },
      logBackoffMinMs: 5,
      logBackoffMaxMs: 30,
    },
  );
  await platform.start();
  return { fake, platform };
}

afterEach(async () => {
  await platform?.stop();
  platform = undefined;
  await fake?.close();
  fake = undefined;
});

const logRequests = (name: string) => fake!.requests.filter((r) => r.path.endsWith(`/pods/${name}/log`));

describe("followLog against the fake API server", () => {
  it("delivers Redis's lines as written, and resumes a dropped stream without losing or repeating one", async () => {
    const { fake, platform } = await start();
    fake.log(POD(3), "1:S 10 Mar 2024 04:14:46.204 * Connection with master lost.");
    const lines: string[] = [];
    const stop = platform.followLog(POD(3), (l) => lines.push(l));
    await waitFor(() => lines.length === 1 && fake.logFollowerCount(POD(3)) === 1, "the first line");
    // Two lines with the same second; the resumed request (sinceTime has second precision) gets both again.
    fake.log(POD(3), "1:S 10 Mar 2024 04:14:46.204 * Caching the disconnected master state.");
    fake.log(
      POD(3),
      "1:S 10 Mar 2024 04:14:46.204 # Error condition on socket for SYNC: Connection refused\r",
    );
    await waitFor(() => lines.length === 3, "the streamed lines");
    fake.dropLogStreams(POD(3));
    fake.log(POD(3), "1:S 10 Mar 2024 04:15:05.953 * Marking node e64f0b9d () as failing (quorum reached).");
    await waitFor(() => lines.length === 4, "the line written while disconnected");
    fake.log(POD(3), "1:M 10 Mar 2024 04:15:06.993 * Cluster state changed: ok");
    await waitFor(() => lines.length === 5, "a line after the resume");
    expect(lines).toEqual([
      "1:S 10 Mar 2024 04:14:46.204 * Connection with master lost.",
      "1:S 10 Mar 2024 04:14:46.204 * Caching the disconnected master state.",
      "1:S 10 Mar 2024 04:14:46.204 # Error condition on socket for SYNC: Connection refused\r",
      "1:S 10 Mar 2024 04:15:05.953 * Marking node e64f0b9d () as failing (quorum reached).",
      "1:M 10 Mar 2024 04:15:06.993 * Cluster state changed: ok",
    ]);
    const reqs = logRequests(POD(3));
    // The chart names the container after its fullname, not after the chart.
    expect(reqs[0].query).toMatchObject({
      container: "ds-redis-redis-cluster",
      follow: "true",
      timestamps: "true",
    });
    expect(reqs.at(-1)!.query.sinceTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    stop();
    await waitFor(() => fake.logFollowerCount(POD(3)) === 0, "the stream to close on stop");
  });

  it("tells lines with the same timestamp apart when resuming", async () => {
    const { fake, platform } = await start();
    const ts = "2024-03-10T04:14:46.2Z"; // the kubelet trims trailing zeros
    fake.log(POD(4), "first", { ts });
    fake.log(POD(4), "second, same nanosecond", { ts });
    const lines: string[] = [];
    platform.followLog(POD(4), (l) => lines.push(l));
    await waitFor(() => lines.length === 2 && fake.logFollowerCount(POD(4)) === 1, "both lines");
    fake.dropLogStreams(POD(4));
    fake.log(POD(4), "third, same nanosecond", { ts });
    fake.log(POD(4), "fourth", { ts: "2024-03-10T04:14:46.3Z" });
    await waitFor(() => lines.length >= 4 && fake.logFollowerCount(POD(4)) === 1, "the lines after the drop");
    expect(lines).toEqual(["first", "second, same nanosecond", "third, same nanosecond", "fourth"]);
  });

  it("follows the pod into its new incarnation after a delete, from its first line", async () => {
    const { fake, platform } = await start();
    fake.log(POD(2), "1:M 10 Mar 2024 04:00:00.000 * Ready to accept connections tcp");
    const lines: string[] = [];
    platform.followLog(POD(2), (l) => lines.push(l));
    await waitFor(() => lines.length === 1, "the old pod's line");
    await platform.deletePod(POD(2), "graceful");
    await waitFor(() => platform.pods().find((p) => p.name === POD(2))?.ip === "10.42.2.90", "the new pod");
    fake.log(POD(2), "1:M 10 Mar 2024 04:14:52.840 * No cluster configuration found, I'm 11439c6cb119c655");
    fake.log(POD(2), "1:M 10 Mar 2024 04:14:52.851 * Ready to accept connections tcp");
    await waitFor(() => lines.length === 3, "the new incarnation's lines");
    expect(lines.slice(1)).toEqual([
      "1:M 10 Mar 2024 04:14:52.840 * No cluster configuration found, I'm 11439c6cb119c655",
      "1:M 10 Mar 2024 04:14:52.851 * Ready to accept connections tcp",
    ]);
    // The new incarnation is read whole: no sinceTime carried over from the old one.
    const reqs = logRequests(POD(2));
    const lastOk = reqs.at(-1)!;
    expect(lastOk.query.sinceTime).toBeUndefined();
  });

  it("reports a 403 on pods/log once, in words, and keeps trying", async () => {
    const { fake, platform } = await start();
    fake.rules = [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch", "delete"] }];
    const errors: string[] = [];
    platform.followLog(
      POD(1),
      () => undefined,
      (m) => errors.push(m),
    );
    await waitFor(() => errors.length === 1 && logRequests(POD(1)).length >= 3, "the error and retries");
    expect(errors[0]).toContain(`get pods/log ${POD(1)} in namespace ${NS} is forbidden (403)`);
    expect(errors[0]).toContain('cannot get resource "pods/log"');
    fake.rules = null;
    fake.log(POD(1), "hello");
    const lines: string[] = [];
    platform.followLog(POD(1), (l) => lines.push(l));
    await waitFor(() => lines.includes("hello"), "lines once allowed");
  });

  it("reads the redis container the pod spec names, also beside the chart's metrics sidecar", async () => {
    const { fake, platform } = await start();
    fake.addPod({ name: POD(6), metrics: true });
    fake.log(POD(6), "1:M 10 Mar 2024 04:00:00.000 * Ready to accept connections tcp");
    const lines: string[] = [];
    platform.followLog(POD(6), (l) => lines.push(l));
    await waitFor(() => lines.length === 1, "the redis container's line");
    expect(logRequests(POD(6))[0].query.container).toBe("ds-redis-redis-cluster");
    expect(platform.status().logErrors).toEqual([]);
  });

  it("a 400 that retrying cannot heal (an unknown container) is reported, not dropped", async () => {
    const { fake } = await start();
    const errors: string[] = [];
    const follower = new LogFollower({
      api: new KubeApi(fake.kubeConfig()),
      namespace: NS,
      containerOf: () => "redis-cluster", // the name the platform used to guess
      podName: POD(0),
      getPod: () => fake.pod(POD(0)),
      onPodsChange: () => () => undefined,
      onLine: () => undefined,
      onError: (m) => errors.push(m),
      backoffMinMs: 5,
      backoffMaxMs: 20,
    });
    try {
      await waitFor(() => errors.length === 1, "the error");
      expect(errors[0]).toContain("(400 BadRequest)");
      expect(errors[0]).toContain(`container redis-cluster is not valid for pod ${POD(0)}`);
    } finally {
      follower.stop();
    }
  });

  it("shows refused logs in the platform's status until a stream opens again", async () => {
    const { fake, platform } = await start();
    fake.rules = [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch", "delete"] }];
    platform.followLog(POD(1), () => undefined);
    await waitFor(() => platform.status().logErrors.length === 1, "the log error in the status");
    expect(platform.status().logErrors[0]).toMatchObject({
      pod: POD(1),
      error: expect.stringContaining("(403)"),
    });
    fake.rules = null;
    await waitFor(() => platform.status().logErrors.length === 0, "the error cleared once allowed", 5000);
  });

  it("refuses to follow a pod that is not of the release", async () => {
    const { platform } = await start();
    expect(() => platform.followLog("redis-client-9f57dc6d6-7kffv", () => undefined)).toThrow(/refused/);
  });
});

describe("log line helpers", () => {
  it("normalises RFC3339Nano timestamps (trailing zeros trimmed by the kubelet) to compare as strings", () => {
    expect(normalizeTimestamp("2024-03-10T04:14:46.2Z")).toBe("2024-03-10T04:14:46.200000000Z");
    expect(normalizeTimestamp("2024-03-10T04:14:46Z")).toBe("2024-03-10T04:14:46.000000000Z");
    expect(normalizeTimestamp("2024-03-10T13:14:46.123456789+09:00")).toBe("2024-03-10T04:14:46.123456789Z");
    expect(normalizeTimestamp("1:M 10 Mar")).toBeNull();
    expect(splitTimestamp("2024-03-10T04:14:46.2Z 1:M hi  ")).toEqual({
      ts: "2024-03-10T04:14:46.200000000Z",
      text: "1:M hi  ",
    });
  });

  it("splits lines across chunks, including a split UTF-8 character", () => {
    const s = new LineSplitter();
    const out: string[] = [];
    const bytes = Buffer.from("ab\nkö\nrest", "utf8");
    s.push(bytes.subarray(0, 5), (l) => out.push(l));
    s.push(bytes.subarray(5), (l) => out.push(l));
    expect(out).toEqual(["ab", "kö"]);
  });
});
