// Budget (DESIGN §7): 300 connected browsers — fan-out p99 <= 100 ms, server CPU <= 25 % of a core, steady
// traffic <= 2 KB/s each. The server runs as its own process (`npm start` with a lab of its own) so its CPU is
// measured alone; N socket.io clients connect through a TCP proxy that counts every byte sent to each of them.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { io, type Socket } from "socket.io-client";
import type { WireBatch } from "@/lib/probeWire";
import { percentile } from "@/lib/runMetrics";

const CLIENTS = Number(process.env.CLIENTS ?? 300);
const MEASURE_S = Number(process.env.MEASURE_S ?? 30);
const WARMUP_S = 5;
const SERVER_PORT = 3290;
const PROXY_PORT = 3291;
const BUDGET = { fanoutP99Ms: 100, cpuPercent: 25, bytesPerSecond: 2048 };
const CLOCK_TICKS = 100; // USER_HZ on Linux: /proc/<pid>/stat counts CPU time in 1/100 s.

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "failover-lab-fanout-"));
  const server = spawn(process.execPath, ["--import", "tsx", "server/main.ts", "--build-if-needed"], {
    env: {
      ...process.env,
      PORT: String(SERVER_PORT),
      HOST: "127.0.0.1",
      DASHBOARD_DATA_DIR: dataDir,
      LOCAL_IP_PREFIX: "127.48.1",
      DASHBOARD_TOKEN: "fanout-token-1234",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const sockets: Socket[] = [];
  const proxy = countingProxy(PROXY_PORT, SERVER_PORT);
  try {
    await waitForOutput(server.stdout!, /Failover Lab is running/, 120_000);
    const serverPid = server.pid!;

    const received = new Map<number, number[]>(); // batch t0 -> receive times, one per client
    for (let i = 0; i < CLIENTS; i++) {
      const s = io(`http://127.0.0.1:${PROXY_PORT}`, { transports: ["websocket"], forceNew: true });
      s.on("probes", (b: WireBatch) => {
        const at = performance.timeOrigin + performance.now();
        const list = received.get(b.t0) ?? [];
        list.push(at);
        received.set(b.t0, list);
      });
      sockets.push(s);
    }
    await until(() => sockets.every((s) => s.connected), 60_000);
    console.log(`${CLIENTS} clients connected; warming up ${WARMUP_S} s, measuring ${MEASURE_S} s`);
    await sleep(WARMUP_S * 1000);

    received.clear();
    const bytesBefore = proxy.bytesPerConnection();
    const cpuBefore = cpuTicks(serverPid);
    const started = performance.now();
    await sleep(MEASURE_S * 1000);
    const seconds = (performance.now() - started) / 1000;
    const cpuPercent = ((cpuTicks(serverPid) - cpuBefore) / CLOCK_TICKS / seconds) * 100;
    const bytesAfter = proxy.bytesPerConnection();
    const rates = [...bytesAfter.entries()].map(([id, b]) => (b - (bytesBefore.get(id) ?? 0)) / seconds);

    // Spread of one broadcast across clients: each receive against the first client's receive of that batch.
    const spreads: number[] = [];
    for (const times of received.values()) {
      if (times.length < CLIENTS / 2) continue;
      const first = Math.min(...times);
      for (const t of times) spreads.push(t - first);
    }
    const p99 = percentile(spreads, 99);
    const meanRate = rates.reduce((a, b) => a + b, 0) / rates.length;
    const maxRate = Math.max(...rates);
    console.log(`\n${CLIENTS} clients over ${seconds.toFixed(0)} s (${received.size} probe broadcasts):`);
    console.log(`  fan-out spread p50 ${percentile(spreads, 50).toFixed(1)} ms  p99 ${p99.toFixed(1)} ms`);
    console.log(`  server CPU ${cpuPercent.toFixed(1)} % of a core`);
    console.log(
      `  traffic per client: mean ${(meanRate / 1024).toFixed(2)} KB/s  max ${(maxRate / 1024).toFixed(2)} KB/s`,
    );
    const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
    console.log(
      `  budgets: fan-out p99 <= ${BUDGET.fanoutP99Ms} ms ${verdict(p99 <= BUDGET.fanoutP99Ms)}, ` +
        `CPU <= ${BUDGET.cpuPercent} % ${verdict(cpuPercent <= BUDGET.cpuPercent)}, ` +
        `<= 2 KB/s each ${verdict(maxRate <= BUDGET.bytesPerSecond)}`,
    );
    if (p99 > BUDGET.fanoutP99Ms || cpuPercent > BUDGET.cpuPercent || maxRate > BUDGET.bytesPerSecond) {
      process.exitCode = 1;
    }
  } finally {
    for (const s of sockets) s.close();
    proxy.close();
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A TCP relay that counts the bytes the server sends to each client connection. */
function countingProxy(listenPort: number, targetPort: number) {
  const counts = new Map<number, number>();
  let next = 0;
  const srv = net.createServer((client) => {
    const id = next++;
    counts.set(id, 0);
    const upstream = net.connect(targetPort, "127.0.0.1");
    upstream.on("data", (d) => counts.set(id, counts.get(id)! + d.length));
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end);
    upstream.on("error", end);
  });
  srv.listen(listenPort, "127.0.0.1");
  return { bytesPerConnection: () => new Map(counts), close: () => srv.close() };
}

function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

function waitForOutput(stream: NodeJS.ReadableStream, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error("the server did not start")), timeoutMs);
    stream.on("data", (d: Buffer) => {
      seen += d.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("clients did not connect");
    await sleep(100);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
