import { expect, test } from "@playwright/test";
import { E2E_TOKEN } from "../playwright.config";
import { latinTexts } from "./latinText";
import { FAILOVER_BUDGET_MS, freshLab, masterAndReplicaOf } from "./lab";

test.use({ locale: "ko-KR" });

test("in Korean: the failover story reads in Korean, and the switch turns it to English and back without a reload", async ({
  page,
  request,
}) => {
  await freshLab(request);
  await page.goto(`/?token=${E2E_TOKEN}&name=강사`);
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await expect(page).toHaveTitle("페일오버 실습");
  const podTable = page.getByTestId("pod-table");
  await expect(podTable.locator('[data-testid^="pod-row-"][data-ready="true"]')).toHaveCount(6, {
    timeout: 30_000,
  });

  const { master, replica } = await masterAndReplicaOf(request, "a");
  await page.getByTestId(`delete-pod-${master.pod}`).click();
  await expect(page.getByTestId(`graph-node-${replica.id}`)).toHaveAttribute("data-role", "master", {
    timeout: FAILOVER_BUDGET_MS,
  });
  await expect(page.getByTestId("lane-a-cluster")).toHaveAttribute("data-last-outcome", "ok", {
    timeout: FAILOVER_BUDGET_MS,
  });
  await expect(page.getByTestId("event-log")).toContainText("마스터로 승격", { timeout: FAILOVER_BUDGET_MS });
  await expect(page.getByTestId("event-log")).toContainText("강사 님이 파드");
  await expect(page.getByTestId("run-summary")).toContainText("복구", { timeout: FAILOVER_BUDGET_MS });
  await expect(page.getByTestId(`pod-row-${master.pod}`)).toContainText("0/1", {
    timeout: FAILOVER_BUDGET_MS,
  });
  await page.getByTestId("repair-button").click();
  await expect(page.getByTestId("repair-plan")).toBeVisible();
  await expect(page.getByTestId("repair-plan")).toContainText("CLUSTER FORGET");
  await page.screenshot({ path: "test-results/screenshots/korean.png", fullPage: true });

  // Every visible text with Latin letters is one of Redis's or kubectl's own words, or raw output.
  expect(await latinTexts(page)).toEqual([]);

  const marker = await page.evaluate(() => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
    return true;
  });
  expect(marker).toBe(true);
  await page.getByTestId("lang-switch").getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByTestId("event-log")).toContainText("promoted to master");
  await expect(page.getByTestId("lab-guide")).not.toContainText("마스터");
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

  await page.getByTestId("lang-switch").getByRole("button", { name: "한국어" }).click();
  await expect(page.getByTestId("event-log")).toContainText("마스터로 승격");
  // The choice is remembered: a reload stays Korean even if the browser asked for English.
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
});
