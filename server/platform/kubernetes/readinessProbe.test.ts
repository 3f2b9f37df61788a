import { clusterKubeChart } from "@/lib/labs/cluster/kubeChart";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { KubernetesPlatform } from "./kubernetesPlatform";
import type { FakeKubeApi } from "./testing/fakeKubeApi";
import { NS, POD, RELEASE, seededFake, waitFor } from "./testing/helpers";

// A restarted cluster pod's Redis, as far as the readiness probe asks it: AUTH, PING, CLUSTER INFO.
// A loopback address of its own (Linux routes 127/8 to lo), so port 6379 is free whatever else runs.
const IP = `127.77.${1 + Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
let redis: net.Server | undefined;
let fake: FakeKubeApi | undefined;
let platform: KubernetesPlatform | undefined;
const commands: string[] = [];

/** The commands in one packet (ioredis pipelines its handshake: HELLO, CLIENT SETINFO, …). */
function parseCommands(buf: string): string[][] {
  const out: string[][] = [];
  let i = 0;
  while (i < buf.length && buf[i] === "*") {
    let e = buf.indexOf("\r\n", i);
    const n = Number(buf.slice(i + 1, e));
    i = e + 2;
    const args: string[] = [];
    for (let k = 0; k < n; k++) {
      e = buf.indexOf("\r\n", i);
      const len = Number(buf.slice(i + 1, e));
      i = e + 2;
      args.push(buf.slice(i, i + len));
      i += len + 2;
    }
    out.push(args);
  }
  return out;
}

function fakeRedis(clusterState: () => string): Promise<void> {
  redis = net.createServer((s) => {
    s.on("error", () => undefined);
    s.on("data", (d) => {
      for (const args of parseCommands(d.toString())) {
        const cmd = args.join(" ").toUpperCase();
        commands.push(args[0].toUpperCase() === "AUTH" ? "AUTH" : cmd);
        // Answered like a RESP2-only server, so ioredis falls back from HELLO 3 to AUTH.
        if (cmd.startsWith("HELLO")) s.write("-NOPROTO unsupported protocol version\r\n");
        else if (cmd === "PING") s.write("+PONG\r\n");
        else if (cmd === "CLUSTER INFO") {
          const body = `cluster_state:${clusterState()}\r\ncluster_slots_assigned:0\r\ncluster_known_nodes:1\r\n`;
          s.write(`$${Buffer.byteLength(body)}\r\n${body}\r\n`);
        } else s.write("+OK\r\n");
      }
    });
  });
  return new Promise((r) => redis!.listen(6379, IP, () => r()));
}

afterEach(async () => {
  await platform?.stop();
  await fake?.close();
  await new Promise<void>((r) => (redis ? redis.close(() => r()) : r()));
  platform = fake = redis = undefined;
  commands.length = 0;
});

describe("readiness reason", () => {
  it("asks a running, unready pod's Redis what the chart's probe asks, and shows its answer", async () => {
    await fakeRedis(() => "fail");
    fake = await seededFake();
    fake.updatePod(POD(2), (p) => (p.status.podIP = IP));
    fake.setReady(POD(2), false);
    platform = new KubernetesPlatform(
      { namespace: NS, release: RELEASE, chart: clusterKubeChart, reach: "pod-ip" },
      { kubeConfig: fake.kubeConfig(), checkRedis: false, readinessProbePeriodMs: 20 },
    );
    await platform.start();
    await waitFor(
      () =>
        platform!.pods().find((p) => p.name === POD(2))?.readyReason ===
        "cluster_state:fail (cluster_known_nodes:1)",
      "the probe's reason",
    );
    expect(commands).toContain("AUTH");
    expect(commands).toContain("CLUSTER INFO");
    // Ready again: the reason goes, and the healthy pods were never probed (only one connection's commands).
    fake.setReady(POD(2), true);
    await waitFor(() => platform!.pods().find((p) => p.name === POD(2))?.readyReason === null, "ready");
  });
});
