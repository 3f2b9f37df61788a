import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { E2E_TOKEN } from "../playwright.config";

const PHONE = { width: 390, height: 844 };

/** axe-core's serious and critical findings, one line each (rule, impact, the first elements it names). */
async function seriousViolations(page: Page): Promise<string[]> {
  // axe walks the whole DOM; on a loaded two-core machine that alone can take a minute.
  test.setTimeout(5 * 60_000);
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 5)
          .join(" | ")}`,
    );
}

async function loaded(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId("pod-table").locator('[data-testid^="pod-row-"]')).toHaveCount(6, {
    timeout: 90_000,
  });
  await expect(page.getByTestId("lane-a-cluster")).toHaveAttribute("data-last-outcome", /ok|nil|error/);
}

for (const locale of ["en-US", "ko-KR"]) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale });

    test("the instructor's page has no serious or critical accessibility violations", async ({ page }) => {
      await loaded(page, `/?token=${E2E_TOKEN}&name=e2e-a11y`);
      await expect(page.locator("html")).toHaveAttribute("lang", locale.slice(0, 2));
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("a student's page, in projector mode, has none either", async ({ page }) => {
      await loaded(page, "/?name=e2e-a11y-student");
      await page.getByTestId("projector-toggle").click();
      await expect(page.locator("html")).toHaveAttribute("data-projector", "on");
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("a student's page at 390 px has none either", async ({ page }) => {
      await page.setViewportSize(PHONE);
      await loaded(page, "/?name=e2e-a11y-phone");
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}

test("projector mode: remembered across a reload, and only the panels of the room's step are on screen", async ({
  page,
  browser,
}) => {
  // Two pages on a loaded machine, each waiting for its first snapshot.
  test.setTimeout(5 * 60_000);
  await loaded(page, "/?name=e2e-projector");
  await page.getByTestId("projector-toggle").click();
  await expect(page.getByTestId("projector-toggle")).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-projector", "on");

  // The instructor puts the room on the repair step: the repair panel is on screen, the slot map is not.
  const teacher = await browser.newPage();
  await loaded(teacher, `/?token=${E2E_TOKEN}&name=e2e-강사`);
  await teacher.getByTestId("guide-focus-repair").click();
  await expect(page.getByTestId("repair-panel")).toBeVisible();
  await expect(page.getByTestId("slot-map")).toBeHidden();
  await expect(page.getByTestId("lab-guide")).toBeVisible();
  await teacher.getByTestId("guide-focus-clear").click();
  await teacher.close();

  await page.getByTestId("projector-toggle").click();
  await expect(page.locator("html")).not.toHaveAttribute("data-projector", "on");
  await expect(page.getByTestId("slot-map")).toBeVisible();
});

test("on a 390 px phone a student sees the pods, their controls, the guide step and the timeline of a without sideways scrolling", async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await loaded(page, "/?name=e2e-phone");
  for (const id of ["pod-table", "lab-guide", "lane-a-cluster", "my-name"]) {
    const box = await page.getByTestId(id).boundingBox();
    expect(box, id).not.toBeNull();
    expect(box!.x, id).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, id).toBeLessThanOrEqual(PHONE.width + 0.5);
  }
  // The pod table's rows fit too (the columns a phone can do without are left out there).
  const row = await page.getByTestId("pod-row-ds-redis-redis-cluster-0").boundingBox();
  expect(row!.x + row!.width).toBeLessThanOrEqual(PHONE.width + 0.5);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

  // Every card of the replication graph shows its whole address: a clipped pod IP is the one fact a
  // student compares with the pod table after the restart.
  const graph = page.getByTestId("replication-graph");
  await graph.scrollIntoViewIfNeeded();
  await expect(graph.getByTestId("node-address")).toHaveCount(6);
  await graph.screenshot({ path: "test-results/e2e/phone-graph.png" });
  const clipped = await graph.evaluate((g) =>
    [...g.querySelectorAll<HTMLElement>('[data-testid^="graph-node-"]')].flatMap((card) => {
      const address = card.querySelector<HTMLElement>('[data-testid="node-address"]')!;
      const c = card.getBoundingClientRect();
      const a = address.getBoundingClientRect();
      const fits = a.left >= c.left - 0.5 && a.right <= c.right + 0.5 && card.scrollWidth <= card.clientWidth;
      return fits ? [] : [`${address.textContent} (${a.left}-${a.right} in ${c.left}-${c.right})`];
    }),
  );
  expect(clipped).toEqual([]);
});
