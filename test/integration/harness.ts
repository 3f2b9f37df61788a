import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import type { LocalPlatform } from "@/server/platform/local/localPlatform";
import type { RunningServer } from "@/server/startServer";
import { startIsolatedLab } from "../../scripts/isolatedLab";
import { waitFor } from "../../scripts/waitFor";
import { topologyOf } from "@/lib/labs/cluster/state";

export const TEST_TOKEN = "integration-token-1234";
/** Short enough for quick failovers, long enough that a loaded CI machine does not flap. */
export const NODE_TIMEOUT_MS = 2000;

/**
 * A real server (API + sockets, no Next.js) on a real local lab with its own loopback range and data dir,
 * so suites never share redis-server processes.
 */
export async function startLab(ipPrefix: string, env: Record<string, string> = {}): Promise<TestLab> {
  const lab = await startIsolatedLab({
    ipPrefix,
    token: TEST_TOKEN,
    env: {
      CLUSTER_NODE_TIMEOUT_MS: String(NODE_TIMEOUT_MS),
      READINESS_PERIOD_MS: "500",
      RESTART_DELAY_MS: "500",
      PROBE_INTERVAL_MS: "100",
      ...env,
    },
  });
  return new TestLab(lab.server, lab.close, lab.dataDir);
}

/** A lab formed and serving: every pod ready and cluster_state:ok (the start of every failover story). */
export async function startFormedLab(ipPrefix: string, env: Record<string, string> = {}): Promise<TestLab> {
  const lab = await startLab(ipPrefix, env);
  await waitFor("all pods ready", () => lab.store.pods.every((p) => p.ready), 20_000);
  await waitFor("cluster_state:ok", () => topologyOf(lab.store.labState).clusterState === "ok", 20_000);
  return lab;
}

export class TestLab {
  constructor(
    readonly server: RunningServer,
    readonly close: () => Promise<void>,
    readonly dataDir: string,
  ) {}

  get store() {
    return this.server.engine.store;
  }

  fetch(p: string, init: RequestInit = {}): Promise<Response> {
    return fetch(this.server.url + p, init);
  }

  deleteRequest(pod: string, init: { token?: string | null; body?: string } = {}): Promise<Response> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    const token = init.token === undefined ? TEST_TOKEN : init.token;
    if (token) headers.authorization = `Bearer ${token}`;
    return this.fetch(`/api/pods/${encodeURIComponent(pod)}/delete`, {
      method: "POST",
      headers,
      body: init.body,
    });
  }

  /** The pod whose master serves the slot of `key` (the seed deletes the master of `a`). */
  masterOf(slot: number) {
    return topologyOf(this.store.labState).nodes.find(
      (n) => n.role === "master" && n.pod && n.slots.some(([a, b]) => slot >= a && slot <= b),
    );
  }
}

export { waitFor };

/** The pid of a local pod's redis-server: the process whose working directory is the pod's data dir. */
export function pidOf(lab: TestLab, pod: string): number {
  const platform = lab.server.engine.platform as LocalPlatform;
  const dir = platform.podDir(pod);
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/comm`, "utf8").startsWith("redis-server")) continue;
      if (readlinkSync(`/proc/${entry}/cwd`) === dir) return Number(entry);
    } catch {
      // Gone while we looked.
    }
  }
  throw new Error(`no redis-server runs in ${dir}`);
}
