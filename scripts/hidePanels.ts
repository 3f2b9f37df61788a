import type { Page } from "@playwright/test";

/**
 * HIDE_PANELS=log-panel,pod-table: an ablation. The panels' sections get `visibility: hidden`, so the page still
 * runs their React code and lays them out but paints and rasters none of them; the difference in the renderer's
 * CPU against a run without it is what painting those panels costs. Not `display: none`: the panels below would
 * move up into the viewport and be painted instead (hiding the pod table cost more than showing it).
 */
export const HIDDEN_PANELS = (process.env.HIDE_PANELS ?? "")
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);

export async function hidePanels(page: Page): Promise<void> {
  if (!HIDDEN_PANELS.length) return;
  const selector = HIDDEN_PANELS.map((id) => `section[data-testid="${id}"]`).join(",");
  await page.addStyleTag({ content: `${selector} { visibility: hidden !important; }` });
}
