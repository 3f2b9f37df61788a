import { expect, test } from "@playwright/test";
import { E2E_TOKEN } from "../playwright.config";
import { FAILOVER_BUDGET_MS, freshLab, masterAndReplicaOf } from "./lab";

test("the full story by clicking: delete, the 0/1 pod and its evidence, the plan, the repair, 3+3 again", async ({
  page,
  request,
}) => {
  await freshLab(request);
  await page.goto(`/?token=${E2E_TOKEN}&name=teacher`);
  const rows = page.getByTestId("pod-table").locator('[data-testid^="pod-row-"]');
  await expect(rows.and(page.locator('[data-ready="true"]'))).toHaveCount(6, { timeout: 60_000 });

  const { master, replica } = await masterAndReplicaOf(request, "a");

  await page.getByTestId(`delete-pod-${master.pod}`).click();
  await expect(page.getByTestId(`graph-node-${replica.id}`)).toHaveAttribute("data-role", "master", {
    timeout: FAILOVER_BUDGET_MS,
  });
  await expect(page.getByTestId(`not-ready-reason-${master.pod}`)).toContainText("cluster_state:fail", {
    timeout: FAILOVER_BUDGET_MS,
  });
  await expect(page.getByTestId(`pod-row-${master.pod}`)).toHaveAttribute("data-ready", "false");

  await page.getByTestId(`explain-pod-${master.pod}`).click();
  const evidence = page.getByTestId("pod-evidence");
  await expect(evidence.getByTestId("pod-evidence-cluster-info")).toContainText("cluster_known_nodes:1");
  await expect(evidence).toContainText(master.id.slice(0, 8));
  await page.getByTestId("pod-evidence-close").click();
  await expect(evidence).toBeHidden();

  await page.getByTestId("repair-button").click();
  const plan = page.getByTestId("repair-plan");
  await expect(plan).toHaveAttribute("data-steps", "3");
  await expect(plan).toContainText(`cluster forget ${master.id}`);
  await expect(plan).toContainText(`cluster replicate ${replica.id}`);
  await expect(plan).not.toContainText("new1234");
  await page.getByTestId("repair-execute").click();

  await expect(page.getByTestId("repair-status")).toHaveAttribute("data-status", "done", { timeout: 60_000 });
  await expect(rows.and(page.locator('[data-ready="true"]'))).toHaveCount(6);
  const graph = page.getByTestId("replication-graph");
  await expect(graph.locator('[data-testid^="graph-node-"][data-role="master"]')).toHaveCount(3);
  await expect(graph.locator('[data-testid^="graph-node-"][data-role="replica"]')).toHaveCount(3);
  await expect(page.getByTestId(`graph-node-${master.id}`)).toHaveCount(0);
  await expect(page.getByTestId("event-log")).toContainText(/teacher started a repair/);
  await page.screenshot({ path: "test-results/screenshots/repaired.png" });
});
