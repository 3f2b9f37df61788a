import { type Browser, expect, type Page, test } from "@playwright/test";
import { E2E_NODE_TIMEOUT_MS, E2E_PORT, E2E_TOKEN } from "../playwright.config";
import { freshLab, masterAndReplicaOf } from "./lab";

/** A browser of its own (its own localStorage, so its own client id): one person in the room. */
async function personPage(browser: Browser, query: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    viewport: { width: 1600, height: 1000 },
  });
  const page = await context.newPage();
  await page.goto(`/?${query}`);
  // Three browsers hydrating at once on a shared two-core machine take a while; the lab is not the question.
  await expect(page.getByTestId("pod-table").locator('[data-testid^="pod-row-"]'))
    .toHaveCount(6, { timeout: 90_000 })
    .catch(async (err) => {
      const header = await page
        .locator("header")
        .first()
        .innerText()
        .catch((e) => String(e));
      console.log(`stuck page ${query}: ${header.replace(/\s+/g, " ")}`);
      throw err;
    });
  return page;
}

/**
 * An answer's round trip (click, ack, the next batched render of every browser) is quick on an idle machine;
 * several suites running browsers at once on two cores stretch it to seconds.
 */
const ROOM_MS = 30_000;
/** The run tracker's own limit (server/engine.ts): by then the run has ended, recovered or timed out. */
const RUN_LIMIT_MS = 4 * E2E_NODE_TIMEOUT_MS + 60_000;

test("predict, then watch: two students answer, the master is deleted, everyone sees the measured answer", async ({
  browser,
  request,
}) => {
  test.setTimeout(10 * 60_000);
  await freshLab(request);
  const { master, replica } = await masterAndReplicaOf(request, "a");
  // One after the other: three pages hydrating at once starve each other on a loaded machine.
  const teacher = await personPage(browser, `token=${E2E_TOKEN}&name=${encodeURIComponent("강사")}`);
  const minji = await personPage(browser, `name=${encodeURIComponent("민지")}`);
  const jun = await personPage(browser, `name=${encodeURIComponent("준")}`);

  // Students cannot ask; the instructor asks which node becomes master of a's slot.
  await expect(minji.getByTestId("prediction-open")).toHaveCount(0);
  await teacher.getByTestId("prediction-pick").selectOption("newMaster");
  await teacher.getByTestId("prediction-open").click();
  await expect(teacher.getByTestId("prediction-question")).toContainText("15495", { timeout: ROOM_MS });

  const options = (p: Page) => p.locator('[data-testid^="prediction-option-"]');
  await expect(options(minji)).toHaveCount(5, { timeout: ROOM_MS });
  // The deleted master is not a choice; its replica is.
  await expect(minji.locator(`[data-testid^="prediction-option-"][data-pod="${master.pod}"]`)).toHaveCount(0);
  const right = minji.locator(`[data-testid^="prediction-option-"][data-pod="${replica.pod}"]`);
  const rightId = (await right.getAttribute("data-testid"))!.replace("prediction-option-", "");
  const wrong = options(jun)
    .and(jun.locator(`:not([data-pod="${replica.pod}"])`))
    .first();
  const wrongId = (await wrong.getAttribute("data-testid"))!.replace("prediction-option-", "");

  await right.click();
  await expect(right).toHaveAttribute("data-mine", "true", { timeout: ROOM_MS });
  await expect(right).toHaveAttribute("aria-pressed", "true");
  await wrong.click();
  await expect(wrong).toHaveAttribute("data-mine", "true", { timeout: ROOM_MS });
  // 준's browser marks only his own choice.
  await expect(jun.getByTestId(`prediction-option-${rightId}`)).toHaveAttribute("data-mine", "false");

  // The instructor sees how many answered, not what: no bars while the answers are open.
  await expect(teacher.getByTestId("prediction-count")).toHaveAttribute("data-answers", "2", {
    timeout: ROOM_MS,
  });
  await expect(teacher.locator('[data-testid^="prediction-bar-"]')).toHaveCount(0);

  await teacher.getByTestId(`delete-pod-${master.pod}`).click();
  await expect(teacher.getByTestId(`pod-row-${master.pod}`)).toHaveAttribute("data-ready", "false", {
    timeout: ROOM_MS,
  });

  for (const page of [teacher, minji, jun]) {
    await expect(page.getByTestId("prediction-result")).toHaveAttribute("data-status", "scored", {
      timeout: RUN_LIMIT_MS + ROOM_MS,
    });
    await expect(page.getByTestId("prediction-measured")).toContainText(replica.pod!);
    const correct = page.getByTestId(`prediction-bar-${rightId}`);
    await expect(correct).toHaveAttribute("data-correct", "true");
    await expect(correct).toHaveAttribute("data-count", "1");
    // Marked by text and shape, not by colour alone.
    await expect(correct.getByTestId("prediction-correct")).toContainText("✓");
    await expect(page.getByTestId(`prediction-bar-${wrongId}`)).toHaveAttribute("data-correct", "false");
    await expect(page.getByTestId(`prediction-bar-${wrongId}`)).toHaveAttribute("data-count", "1");
    await expect(page.locator('[data-testid^="prediction-bar-"][data-correct="true"]')).toHaveCount(1);
  }
  await expect(minji.getByTestId(`prediction-bar-${rightId}`)).toContainText("●");
  await expect(jun.getByTestId(`prediction-bar-${wrongId}`)).toContainText("●");
  await teacher.screenshot({ path: "test-results/screenshots/prediction.png", fullPage: true });
  await minji.screenshot({ path: "test-results/screenshots/prediction-student.png", fullPage: true });
});
