import { expect, test } from "@playwright/test";
import { E2E_TOKEN } from "../playwright.config";
import { FAILOVER_BUDGET_MS, freshLab, masterAndReplicaOf } from "./lab";

test.use({ locale: "ko-KR" });

test("in Korean: the run and the guide tell the failover, and a reset starts both over", async ({
  page,
  request,
}) => {
  await freshLab(request);
  await page.goto(`/?token=${E2E_TOKEN}&name=e2e`);
  const guide = page.getByTestId("lab-guide");
  await expect(guide).toContainText("실습 B — 클러스터 페일오버");
  await expect(page.getByTestId("availability-timeline")).toContainText("클러스터 클라이언트");
  await expect(page.getByTestId("guide-step-delete")).toHaveAttribute("data-status", "active", {
    timeout: 30_000,
  });

  const { master } = await masterAndReplicaOf(request, "a");
  await page.getByTestId(`delete-pod-${master.pod}`).click();
  await expect(page.getByTestId("guide-step-failover")).toHaveAttribute("data-status", "done", {
    timeout: FAILOVER_BUDGET_MS,
  });
  await expect(page.getByTestId("guide-step-not-ready")).toHaveAttribute("data-status", "done", {
    timeout: FAILOVER_BUDGET_MS,
  });
  const run = page.getByTestId("run-summary");
  await expect(run).toContainText("복구됨", { timeout: FAILOVER_BUDGET_MS });
  await expect(page.getByTestId("run-outcome")).toHaveAttribute("data-same-node", "false");
  await expect(page.getByTestId("run-outcome")).toContainText("새로운 빈 노드");
  await page.screenshot({ path: "test-results/screenshots/korean-failover.png", fullPage: true });

  await freshLab(request);
  await expect(page.getByTestId("guide-step-delete")).toHaveAttribute("data-status", "active");
  await expect(page.getByTestId("guide-step-failover")).toHaveAttribute("data-status", "todo");
  await expect(run).toContainText("실습 초기화 이후 실행 기록이 없습니다");
  await expect(run.locator('[data-testid^="run-run-"]')).toHaveCount(0);
});
