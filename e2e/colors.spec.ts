import { expect, type Page, test } from "@playwright/test";
import { E2E_TOKEN } from "../playwright.config";
import { FAILOVER_BUDGET_MS, freshLab, masterAndReplicaOf } from "./lab";

const auth = { authorization: `Bearer ${E2E_TOKEN}` };

/** The colour bar of every node card in the graph, by node id. */
async function graphColours(page: Page): Promise<Record<string, string>> {
  return page.getByTestId("replication-graph").evaluate((graph) => {
    const out: Record<string, string> = {};
    for (const card of graph.querySelectorAll<HTMLElement>('[data-testid^="graph-node-"]')) {
      const bar = card.querySelector<HTMLElement>("span");
      if (bar) out[card.dataset.testid!.slice("graph-node-".length)] = getComputedStyle(bar).backgroundColor;
    }
    return out;
  });
}

// Issue 7 item 8: a page that stayed open through a failover and repair and a page opened afterwards give
// every node the same colour, and the slot range keeps the colour it had before the failover.
test("two pages opened at different times colour the cluster alike, and a range keeps its colour", async ({
  page,
  request,
}) => {
  test.setTimeout(4 * 60_000);
  await freshLab(request);
  await page.goto("/?name=early");
  const rows = page.getByTestId("pod-table").locator('[data-testid^="pod-row-"]');
  await expect(rows.and(page.locator('[data-ready="true"]'))).toHaveCount(6, { timeout: 60_000 });
  const { master, replica } = await masterAndReplicaOf(request, "a");
  await expect(page.getByTestId(`graph-node-${master.id}`)).toBeVisible();
  const before = await graphColours(page);

  const del = await request.post(`/api/pods/${master.pod}/delete`, {
    headers: auth,
    data: { mode: "graceful" },
  });
  expect(del.status(), await del.text()).toBe(202);
  await expect(page.getByTestId(`graph-node-${replica.id}`)).toHaveAttribute("data-role", "master", {
    timeout: FAILOVER_BUDGET_MS,
  });
  await expect(page.getByTestId(`not-ready-reason-${master.pod}`)).toContainText("cluster_state:fail", {
    timeout: FAILOVER_BUDGET_MS,
  });
  // As a teacher would: repair once the plan shows the whole seed 3.3 repair (FORGET, MEET, REPLICATE).
  await expect
    .poll(
      async () =>
        ((await (await request.get("/api/repair/plan")).json()) as { steps: unknown[] }).steps.length,
      {
        timeout: FAILOVER_BUDGET_MS,
      },
    )
    .toBe(3);
  const repair = await request.post("/api/repair", { headers: auth, data: {} });
  expect(repair.status(), await repair.text()).toBe(202);
  await expect(rows.and(page.locator('[data-ready="true"]'))).toHaveCount(6, { timeout: 60_000 });
  await expect(page.getByTestId(`graph-node-${master.id}`)).toHaveCount(0, { timeout: 30_000 });

  const late = await page.context().newPage();
  await late.goto("/?name=late");
  await expect(late.getByTestId(`graph-node-${replica.id}`)).toHaveAttribute("data-role", "master", {
    timeout: 30_000,
  });
  await expect(late.getByTestId("replication-graph").locator('[data-testid^="graph-node-"]')).toHaveCount(6);
  await expect(page.getByTestId("replication-graph").locator('[data-testid^="graph-node-"]')).toHaveCount(6);

  const stayed = await graphColours(page);
  expect(await graphColours(late)).toEqual(stayed);
  expect(stayed[replica.id]).toBe(before[master.id]);
  await late.close();
});
