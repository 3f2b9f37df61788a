import { type APIRequestContext, expect } from "@playwright/test";
import { keySlot } from "@/lib/slots";
import type { NodeSummary } from "@/lib/types";
import { E2E_NODE_TIMEOUT_MS, E2E_TOKEN } from "../playwright.config";

/** Every story starts from a fresh 3+3 lab with every pod 1/1, whatever the test before it left behind. */
export async function freshLab(request: APIRequestContext): Promise<void> {
  const res = await request.post("/api/lab/reset", {
    headers: { authorization: `Bearer ${E2E_TOKEN}` },
    data: { persistence: false },
  });
  expect(res.status(), await res.text()).toBe(200);
  await expect
    .poll(
      async () => {
        const state = (await (await request.get("/api/state")).json()) as { pods: { ready: boolean }[] };
        return state.pods.filter((p) => p.ready).length;
      },
      { timeout: 30_000 },
    )
    .toBe(6);
}

/** The master that serves `key` and its replica, as the API reports them now (the seed deletes the master of `a`). */
export async function masterAndReplicaOf(
  request: APIRequestContext,
  key: string,
): Promise<{ master: NodeSummary; replica: NodeSummary }> {
  const state = (await (await request.get("/api/state")).json()) as { nodes: NodeSummary[] };
  const slot = keySlot(key);
  const master = state.nodes.find(
    (n) => n.role === "master" && n.slots.some(([a, b]) => slot >= a && slot <= b),
  );
  const replica = state.nodes.find((n) => n.masterId === master?.id);
  if (!master || !replica) throw new Error(`no master with a replica serves ${key}`);
  return { master, replica };
}

/** Shared by the stories: a promotion takes about 1.5 x node timeout plus the election delay. */
export const FAILOVER_BUDGET_MS = 6 * E2E_NODE_TIMEOUT_MS + 15_000;
