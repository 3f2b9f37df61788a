import { expect, test } from "@playwright/test";
import { freshLab } from "./lab";

// The panels isolate their painting (components/common/Panel.tsx), so a change in one repaints only it; the
// timeline does not, because the tooltip of its last lane hangs below the panel over whatever comes next.
test("the last lane's tooltip is drawn over what is below the timeline, not under it nor cut off", async ({
  page,
  request,
}) => {
  await freshLab(request);
  await page.goto("/?name=tooltip");
  const lanes = page.locator('[data-testid^="lane-"][data-last-outcome]');
  await expect(lanes.first()).toHaveAttribute("data-last-outcome", "ok", { timeout: 60_000 });
  const last = lanes.last();
  const chart = last.locator("canvas");
  const box = (await chart.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.9, box.y + box.height / 2);
  const tooltip = page.getByTestId("lane-tooltip");
  await expect(tooltip).toBeVisible();
  const timeline = (await page.getByTestId("availability-timeline").boundingBox())!;
  const tip = (await tooltip.boundingBox())!;
  // It reaches past the panel's bottom edge: what this test is about.
  expect(tip.y + tip.height).toBeGreaterThan(timeline.y + timeline.height);
  // The browser's hit test follows the paint order: the tooltip's lowest row is the tooltip's. The tooltip lets
  // the pointer through to the lane; for the hit test it takes it.
  const onTop = await tooltip.evaluate((el) => {
    (el.parentElement ?? el).style.pointerEvents = "auto";
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.bottom - 3);
    return hit !== null && el.contains(hit);
  });
  expect(onTop).toBe(true);
});
