import { expect, type Page, test } from "@playwright/test";
import { E2E_TOKEN } from "../playwright.config";
import { freshLab } from "./lab";
import { latinTexts } from "./latinText";

const MASTER = "ds-redis-master-0";
const REPLICA_LANES = ["lane-a-replica-0", "lane-a-replica-1", "lane-a-replicas-svc"];
/** The master's delete: a restart delay, a readiness round, the replicas' resync; bounds, not expectations. */
const RECOVERY_BUDGET_MS = 60_000;

/** Switches through the lab controls panel and waits for both replicas to be linked. */
async function switchTo(page: Page, persistence: "on" | "off") {
  const sw = page.getByTestId("lab-switch");
  await sw.getByTestId("lab-switch-replication").check();
  await sw.getByTestId(`lab-switch-persistence-${persistence}`).check();
  // The old lab's state (replicas linked) must not pass for the new one: wait for this switch's own event, a
  // lasting fact (the progress line is transient, and a busy page can hide it for the whole switch).
  const filter = page.getByTestId("event-filter");
  await filter.selectOption("lab-switched");
  const switched = page.getByTestId("event-log").locator('[data-kind="lab-switched"]');
  const before = await switched.count();
  await sw.getByTestId("lab-switch-submit").click();
  await expect(switched).toHaveCount(before + 1, { timeout: 60_000 });
  await filter.selectOption("all");
  await expect(sw.getByTestId("lab-switch-progress")).toHaveCount(0, { timeout: 60_000 });
  await expect(sw.getByTestId("lab-switch-error")).toHaveCount(0);
  await expect(sw).toHaveAttribute("data-running", "replication");
  await expect(page.getByTestId("replication-panel").locator('[data-link="up"]')).toHaveCount(2, {
    timeout: 30_000,
  });
  await expect(page.getByTestId("header-persistence")).toBeVisible();
}

async function writeSeed(page: Page) {
  const box = page.getByTestId("write-box");
  await box.getByTestId("write-key").fill("a");
  for (const value of ["1111", "2222", "3333"]) {
    await box.getByTestId("write-value").fill(value);
    await expect(box.getByTestId("write-command")).toHaveText(`redis-cli -h ds-redis-master SET a ${value}`);
    await box.getByTestId("write-submit").click();
    await expect(box.getByTestId("write-result")).toContainText(`"${value}"`);
    await expect(box.getByTestId("write-error")).toHaveCount(0);
  }
  for (const lane of REPLICA_LANES) await expect(page.getByTestId(lane)).toContainText('"3333"');
}

async function deleteMaster(page: Page) {
  const status = page.getByTestId("replication-run-status");
  const before = (await status.count()) ? await status.getAttribute("data-run-id") : null;
  await page.getByTestId(`delete-pod-${MASTER}`).click();
  await expect(page.getByTestId(`pod-row-${MASTER}`)).toHaveAttribute("data-ready", "false");
  // The new run replaces the last one on screen. It is told by its id, not by catching it "running": on a
  // loaded machine a master without persistence is back and linked before a busy page shows that state.
  await expect(status).toHaveAttribute("data-run-id", /^run-/);
  if (before) await expect(status).not.toHaveAttribute("data-run-id", before);
  await expect(status).toHaveAttribute("data-status", "recovered", { timeout: RECOVERY_BUDGET_MS });
}

test.describe("the replication lab (lab A)", () => {
  // The event log's test writes through lab A, which the first test switches to.
  test.describe.configure({ mode: "serial" });
  test.afterAll(async ({ request }) => {
    const res = await request.post("/api/lab", {
      headers: { authorization: `Bearer ${E2E_TOKEN}` },
      data: { lab: "cluster", persistence: false },
    });
    expect(res.status(), await res.text()).toBe(200);
    await freshLab(request);
  });

  test("without persistence the master's delete loses a everywhere; with AOF it survives", async ({
    page,
  }) => {
    await page.goto(`/?token=${E2E_TOKEN}&name=e2e`);
    await switchTo(page, "off");
    await expect(page.getByTestId("slot-map")).toHaveCount(0);
    // The instructor puts the room on lab A's first step, as in lab B.
    await page.getByTestId("guide-focus-write").click();
    await expect(page.getByTestId("guide-step-write")).toHaveAttribute("data-focus", "true");
    await page.getByTestId("guide-focus-clear").click();
    await expect(page.getByTestId("guide-focus-marker")).toHaveCount(0);
    await writeSeed(page);
    await expect(page.getByTestId("aof-viewer").locator('[data-command="set a 3333"]')).toBeVisible();

    // Explain on a replica: its own INFO replication and persistence, the lines that matter marked.
    await page.getByTestId("explain-pod-ds-redis-replicas-0").click();
    const evidence = page.getByTestId("pod-evidence");
    const info = evidence.getByTestId("pod-evidence-info-replication");
    await expect(info.locator('[data-tone="self"]').first()).toContainText("role:slave");
    await expect(info.locator('[data-tone="good"]')).toContainText("master_link_status:up");
    await expect(evidence.getByTestId("pod-evidence-info-persistence")).toContainText("aof_enabled:1");
    await expect(evidence.getByTestId("pod-evidence-cluster-info")).toHaveCount(0);
    await page.getByTestId("pod-evidence-close").click();

    await deleteMaster(page);
    for (const lane of REPLICA_LANES) {
      await expect(page.getByTestId(lane)).toHaveAttribute("data-last-outcome", "nil");
      await expect(page.getByTestId(lane)).toContainText("(nil)");
    }
    await expect(page.getByTestId("replication-run-loss")).toContainText(
      "data lost on the master and 2 replicas: keys a",
    );
    // The emptyDir went with the pod: the new master's AOF holds none of the SETs.
    await expect(page.getByTestId("aof-viewer").locator('[data-command="set a 3333"]')).toHaveCount(0);
    await expect(page.getByTestId("event-log")).toContainText("full resync from an empty master");

    await switchTo(page, "on");
    await writeSeed(page);
    await deleteMaster(page);
    await expect(page.getByTestId("replication-run-loss")).toHaveAttribute("data-lost", "no");
    await expect(page.getByTestId("replication-run")).toContainText("the master was away");
    for (const lane of ["lane-a-master", ...REPLICA_LANES])
      await expect(page.getByTestId(lane)).toContainText('"3333"', { timeout: RECOVERY_BUDGET_MS });
    await expect(page.getByTestId("aof-viewer").locator('[data-command="set a 3333"]')).toBeVisible();
    await page.screenshot({ path: "test-results/screenshots/replication.png", fullPage: true });

    // Lab A's own panels read in Korean, Redis's words as Redis prints them.
    await page.getByTestId("lang-switch").getByRole("button", { name: "한국어" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "ko");
    await expect(page.getByTestId("replication-run-loss")).toContainText("잃은 데이터 없음");
    const panels = ["replication-panel", "write-box", "aof-viewer", "replication-run", "lab-switch"];
    expect(await latinTexts(page, panels.map((p) => `[data-testid="${p}"]`).join(", "))).toEqual([]);
  });
  test("the event log keeps only the newest rows at the top, and the older ones come back when the reader scrolls", async ({
    page,
    request,
  }) => {
    // Lab A is running (the test above): each write is a key-set event, enough to fill the log past a screen.
    for (let i = 0; i < 70; i++) {
      const res = await request.post("/api/keys", {
        headers: { authorization: `Bearer ${E2E_TOKEN}` },
        data: { key: "a", value: `fill-${i}` },
      });
      expect(res.status(), await res.text()).toBe(200);
    }
    await page.goto(`/?token=${E2E_TOKEN}&name=e2e`);
    const rows = page.getByTestId("event-rows");
    await expect(rows.locator("li").first()).toContainText("fill-69");
    const atTop = await rows.locator("li").count();
    expect(atTop).toBeLessThan(70);
    await expect(rows.locator("li", { hasText: "fill-0" })).toHaveCount(0);
    await rows.evaluate((el) => el.scrollBy(0, 200));
    await expect(rows.locator("li", { hasText: "fill-0" })).toHaveCount(1);
    await rows.evaluate((el) => el.scrollTo(0, 0));
    await expect(rows.locator("li")).toHaveCount(atTop);
  });
});
