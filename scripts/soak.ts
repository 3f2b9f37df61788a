// `npm run soak`: N unattended delete -> promote -> repair cycles on the local lab with the probes running.
// Prints per cycle the downtime of the deleted master's key, the repair time and the server's RSS; fails on a
// stuck cycle, a leftover or missing redis-server process, or RSS growth over 30 MB.
import { rmSync } from "node:fs";
import { keySlot } from "@/lib/slots";
import type { RunSummary } from "@/lib/types";
import { findRedisServers } from "@/server/platform/local/leftovers";
import { startIsolatedLab } from "./isolatedLab";
import { topologyOf } from "@/lib/labs/cluster/state";

const CYCLES = Number(process.env.SOAK_CYCLES ?? process.argv[2] ?? 20);
const NODE_TIMEOUT_MS = Number(process.env.CLUSTER_NODE_TIMEOUT_MS ?? 3000);
const KEY = process.env.SOAK_KEY ?? "a";
const RSS_BUDGET_MB = 30;
const TOKEN = "soak-token-1234";
const CYCLE_BUDGET_MS = 8 * NODE_TIMEOUT_MS + 60_000;

async function main(): Promise<void> {
  const lab = await startIsolatedLab({
    ipPrefix: process.env.LOCAL_IP_PREFIX ?? "127.46.1",
    token: TOKEN,
    env: {
      CLUSTER_NODE_TIMEOUT_MS: String(NODE_TIMEOUT_MS),
      READINESS_PERIOD_MS: "1000",
      RESTART_DELAY_MS: "500",
    },
  });
  const { server, dataDir } = lab;
  const { store } = server.engine;
  const headers = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };
  const api = (p: string, init?: RequestInit) => fetch(server.url + p, init).then((r) => r.json());
  let baselineRss = 0;
  let failure: string | null = null;
  console.log(`soak: ${CYCLES} cycles, cluster-node-timeout ${NODE_TIMEOUT_MS} ms, key ${KEY}\n`);
  console.log("cycle  pod                         downtime(cluster)  downtime(fresh)  repair     RSS");
  try {
    await until("the lab to be ready", () => store.pods.every((p) => p.ready), 30_000);
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      const slot = keySlot(KEY);
      const victim = topologyOf(store.labState).nodes.find(
        (n) => n.role === "master" && n.pod && n.slots.some(([a, b]) => slot >= a && slot <= b),
      );
      if (!victim?.pod) throw new Error(`cycle ${cycle}: no master serves ${KEY}`);
      const del = await fetch(`${server.url}/api/pods/${victim.pod}/delete`, { method: "POST", headers });
      if (del.status !== 202) throw new Error(`cycle ${cycle}: delete answered ${del.status}`);
      const { runId } = (await del.json()) as { runId: string };
      const run = await until(
        `cycle ${cycle}: the failover run to end`,
        async () => {
          const r = (await api(`/api/runs/${runId}`)) as RunSummary;
          return r.status !== "running" && r;
        },
        CYCLE_BUDGET_MS,
      );
      if (run.status !== "recovered") throw new Error(`cycle ${cycle}: run ${run.status}`);
      await until(
        `cycle ${cycle}: a plan with a replicate step`,
        async () => {
          const plan = (await api("/api/repair/plan")) as { steps: { kind: string }[] };
          return !store.busy && plan.steps.some((s) => s.kind === "replicate");
        },
        CYCLE_BUDGET_MS,
      );
      const repairStarted = Date.now();
      const rep = await fetch(`${server.url}/api/repair`, { method: "POST", headers, body: "{}" });
      if (rep.status !== 202)
        throw new Error(`cycle ${cycle}: repair answered ${rep.status}: ${await rep.text()}`);
      const repair = await until(
        `cycle ${cycle}: the repair`,
        () => store.repair?.status !== "running" && store.repair,
        CYCLE_BUDGET_MS,
      );
      if (repair.status !== "done")
        throw new Error(`cycle ${cycle}: repair ${repair.status}: ${repair.outcome}`);
      const repairMs = Date.now() - repairStarted;
      await until(
        `cycle ${cycle}: reads ok again`,
        () => {
          const latest = store.latestSamples();
          return latest.length > 0 && latest.every((s) => s.outcome === "ok");
        },
        30_000,
      );

      const pids = findRedisServers(dataDir);
      if (pids.length !== 6)
        throw new Error(`cycle ${cycle}: ${pids.length} redis-server processes, expected 6`);
      (globalThis as { gc?: () => void }).gc?.();
      const rssMb = process.memoryUsage().rss / 2 ** 20;
      if (cycle === 1) baselineRss = rssMb;
      const down = (lane: string) =>
        run.lanes.find((l) => l.key === KEY && l.lane === lane)?.downtimeMs ?? NaN;
      console.log(
        `${String(cycle).padStart(5)}  ${victim.pod.padEnd(26)}  ${secs(down("cluster")).padStart(17)}  ` +
          `${secs(down("fresh")).padStart(15)}  ${secs(repairMs).padStart(7)}  ${rssMb.toFixed(1).padStart(6)} MB`,
      );
    }
    const growth = process.memoryUsage().rss / 2 ** 20 - baselineRss;
    console.log(`\nRSS growth after cycle 1: ${growth.toFixed(1)} MB (budget ${RSS_BUDGET_MB} MB)`);
    if (growth > RSS_BUDGET_MB) failure = `RSS grew by ${growth.toFixed(1)} MB`;
  } catch (err) {
    failure = (err as Error).message;
  } finally {
    await server.close();
  }
  const leftovers = findRedisServers(dataDir);
  if (leftovers.length)
    failure ??= `${leftovers.length} redis-server process(es) left running: ${leftovers.join(", ")}`;
  rmSync(dataDir, { recursive: true, force: true });
  if (failure) {
    console.error(`\nsoak FAILED: ${failure}`);
    process.exit(1);
  }
  console.log("soak passed: no stuck cycle, no leftover redis-server, RSS within budget");
}

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function until<T>(
  what: string,
  check: () => T | false | null | undefined | Promise<T | false | null | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`stuck: timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
