import { clusterKubeChart } from "@/lib/labs/cluster/kubeChart";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { KubernetesPlatform } from "./kubernetesPlatform";
import type { TunnelConnector } from "./portForward";
import type { FakeKubeApi } from "./testing/fakeKubeApi";
import { NS, POD, RELEASE, seededFake, waitFor } from "./testing/helpers";

// The WebSocket tunnel itself (pods/portforward) is not spoken by the fake API server; a connector that pipes to a
// local echo server stands in for it, so these tests cover the local ports, the natMap and the pod lookup.

let fake: FakeKubeApi | undefined;
let platform: KubernetesPlatform | undefined;
let echo: net.Server | undefined;
const tunnels: string[] = [];

async function start() {
  echo = net.createServer((s) => s.on("data", (d) => s.write(`${d}`)).on("error", () => undefined));
  await new Promise<void>((r) => echo!.listen(0, "127.0.0.1", r));
  const echoPort = (echo.address() as net.AddressInfo).port;
  const connector: TunnelConnector = async (pod, port, socket) => {
    tunnels.push(`${pod}:${port}`);
    const upstream = net.connect(echoPort, "127.0.0.1");
    await new Promise<void>((r) => upstream.once("connect", r));
    socket.pipe(upstream).pipe(socket);
    upstream.on("close", () => socket.destroy());
    socket.on("close", () => upstream.destroy());
  };
  fake = await seededFake();
  platform = new KubernetesPlatform(
    { namespace: NS, release: RELEASE, chart: clusterKubeChart, reach: "port-forward" },
    {
      kubeConfig: fake.kubeConfig(),
      checkRedis: false,
      readinessProbePeriodMs: 0,
      tunnelConnector: connector,
      watch: { backoffMinMs: 5 },
    },
  );
  await platform.start();
  return platform;
}

function roundTrip(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, "127.0.0.1", () => s.write(text));
    s.once("data", (d) => {
      resolve(d.toString());
      s.destroy();
    });
    s.once("close", () => resolve(""));
    s.once("error", reject);
  });
}

afterEach(async () => {
  await platform?.stop();
  await fake?.close();
  await new Promise<void>((r) => (echo ? echo.close(() => r()) : r()));
  platform = fake = echo = undefined;
  tunnels.length = 0;
});

describe("port-forward reach", () => {
  it("resolves a pod IP to a stable local port that tunnels to that pod", async () => {
    const p = await start();
    const a = p.resolve("10.42.2.76", 6379);
    expect(a.host).toBe("127.0.0.1");
    expect(p.resolve("10.42.2.76", 6379)).toEqual(a);
    expect(p.resolve("10.42.2.77", 6379).port).not.toBe(a.port);
    expect(await roundTrip(a.port, "PING")).toBe("PING");
    expect(tunnels).toEqual([`${POD(0)}:6379`]);
  });

  it("maps the addresses Redis reports for ioredis (natMap), and leaves local ones alone", async () => {
    const p = await start();
    const nat = p.natMap();
    expect(nat("10.42.2.78:6379")).toEqual(p.resolve("10.42.2.78", 6379));
    expect(nat("127.0.0.1:7000")).toBeNull();
  });

  it("refuses connections to an address no pod has (a failed node's old IP)", async () => {
    const p = await start();
    const ghost = p.resolve("10.42.2.200", 6379);
    expect(await roundTrip(ghost.port, "PING")).toBe("");
    expect(tunnels).toEqual([]);
  });

  it("gives a recreated pod's new IP its own port, tunnelling to the same pod name", async () => {
    const p = await start();
    await p.deletePod(POD(2), "crash");
    await waitFor(() => p.pods().find((s) => s.name === POD(2))?.ip === "10.42.2.90", "the new IP");
    const a = p.resolve("10.42.2.90", 6379);
    expect(await roundTrip(a.port, "hello")).toBe("hello");
    expect(tunnels).toEqual([`${POD(2)}:6379`]);
  });
});
