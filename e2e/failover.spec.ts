import { expect, test } from "@playwright/test";
import { E2E_TOKEN } from "../playwright.config";
import { FAILOVER_BUDGET_MS, freshLab, masterAndReplicaOf } from "./lab";

test("deleting the master of a: the graph changes roles and the timeline shows the gap and the recovery", async ({
  page,
  request,
}) => {
  await freshLab(request);
  await page.goto(`/?token=${E2E_TOKEN}&name=e2e`);
  await expect(page).not.toHaveURL(/token=/);
  const podTable = page.getByTestId("pod-table");
  await expect(podTable.locator('[data-testid^="pod-row-"][data-ready="true"]')).toHaveCount(6, {
    timeout: 30_000,
  });
  for (const id of [
    "slot-map",
    "replication-graph",
    "availability-timeline",
    "event-log",
    "log-panel",
    "lab-guide",
  ]) {
    await expect(page.getByTestId(id)).toBeVisible();
  }
  await expect(page.getByTestId("lane-a-cluster")).toHaveAttribute("data-last-outcome", "ok");

  const { master, replica } = await masterAndReplicaOf(request, "a");
  await expect(page.getByTestId(`graph-node-${replica.id}`)).toHaveAttribute("data-role", "replica");
  const headerHeight = () =>
    page
      .locator("header")
      .first()
      .evaluate((h) => h.getBoundingClientRect().height);
  const idleHeader = await headerHeight();

  await page.getByTestId(`delete-pod-${master.pod}`).click();

  await expect(page.getByTestId(`pod-row-${master.pod}`)).toHaveAttribute("data-ready", "false");
  await expect(page.getByTestId("lane-a-cluster")).toHaveAttribute("data-last-outcome", "error", {
    timeout: FAILOVER_BUDGET_MS,
  });
  // Redis still says ok for the node timeout; the header says beside it that reads of `a` fail.
  await expect(page.getByTestId("reads-failing")).toContainText(/reads of a\b/, {
    timeout: FAILOVER_BUDGET_MS,
  });
  // ...in the header's own strip: the header keeps its height, so no panel below moves while the room reads.
  expect(await headerHeight()).toBe(idleHeader);
  await expect(page.getByTestId(`graph-node-${replica.id}`)).toHaveAttribute("data-role", "master", {
    timeout: FAILOVER_BUDGET_MS,
  });
  await expect(page.getByTestId(`graph-node-${master.id}`)).toHaveAttribute("data-flags", /\bfail\b/);
  await expect(page.getByTestId("lane-a-cluster")).toHaveAttribute("data-last-outcome", "ok", {
    timeout: FAILOVER_BUDGET_MS,
  });
  await expect(page.getByTestId("run-summary")).toContainText(/recovered/i, { timeout: FAILOVER_BUDGET_MS });
  await expect(page.getByTestId("event-log")).toContainText(/promoted/i);
  // The seed's words: the run keeps what redis-cli printed while reads of a failed, and the terminal loop
  // reads a from the promoted master again, through a redirect when the Service picked another node.
  await expect(page.getByTestId("run-replies-a-fresh")).toContainText(
    /Could not connect to Redis at [\d.]+:6379: Connection refused|\(error\) CLUSTERDOWN/,
  );
  const loop = page.getByTestId("read-loop");
  await expect(
    loop.locator('[data-testid="read-loop-iteration"]').last().locator('[data-key="a"]'),
  ).toContainText('"11"');
  await expect(loop).toContainText(/get a;/);
  await page.screenshot({ path: "test-results/screenshots/failover.png", fullPage: true });
  // On a wide screen the dashboard is one screen whose columns scroll: the page itself has nothing below it.
  expect(
    await page.evaluate(() => document.scrollingElement!.scrollHeight - window.innerHeight),
  ).toBeLessThanOrEqual(0);

  // The log follows its newest line (scrolled in the frame after each commit) until the reader scrolls up.
  const lines = page.getByTestId("log-lines");
  const belowView = () => lines.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
  await expect.poll(() => lines.evaluate((el) => el.scrollHeight / el.clientHeight)).toBeGreaterThan(2);
  await expect.poll(belowView).toBeLessThan(24);
  // Following, the box holds the newest lines only; paused, the older ones come back above the line the reader
  // scrolled to, which stays where it was.
  const rows = lines.locator(":scope > div");
  const followedRows = await rows.count();
  const oldest = await rows.first().textContent();
  await lines.evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(page.getByTestId("log-follow")).toBeVisible();
  expect(await belowView()).toBeGreaterThan(24);
  await expect.poll(() => rows.count()).toBeGreaterThan(followedRows);
  const readerRow = lines.locator(":scope > div", { hasText: oldest! }).first();
  const [row, view] = [(await readerRow.boundingBox())!, (await lines.boundingBox())!];
  expect(row.y).toBeGreaterThanOrEqual(view.y - 1);
  expect(row.y).toBeLessThan(view.y + view.height);
  await page.getByTestId("log-follow").click();
  await expect.poll(belowView).toBeLessThan(24);
  await expect(page.getByTestId("log-follow")).toHaveCount(0);
});

test("a wrong or stale instructor token falls back to the student view, with a notice", async ({ page }) => {
  await page.goto("/?token=a-token-from-yesterday&name=e2e-stale");
  await expect(page.getByTestId("token-rejected")).toBeVisible();
  await expect(page.getByTestId("viewer-role")).toHaveAttribute("data-role", "student");
  await expect(page.getByTestId("pod-table").locator('[data-testid^="pod-row-"]')).toHaveCount(6);
  await expect(page.getByTestId("cluster-state")).toHaveAttribute("data-state", "ok");
});

test("a student sees the dashboard read-only", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("pod-table").locator('[data-testid^="pod-row-"]')).toHaveCount(6);
  // Nobody in the room may delete: no buttons, and the reason said once under the table (issue 10).
  await expect(page.getByTestId("delete-pod-ds-redis-redis-cluster-0")).toHaveCount(0);
  await expect(page.getByTestId("delete-refused")).toBeVisible();
  await expect(page.getByTestId("join-qr")).toBeVisible();
});
