import type { Page } from "@playwright/test";

/**
 * Runs in the page before the app: counts DOM mutation records per panel (the nearest `section[data-testid]`,
 * which is the Panel component's root) and per kind (an attribute by its name). A count of what the page changes does not depend on how
 * loaded the machine is, unlike frame times or CPU, so it is the before/after figure for rendering work.
 * Plain JavaScript text: tsx would wrap a function's inner functions in a `__name` helper the page does not have.
 */
export const INSTALL_PANEL_MUTATIONS = `(() => {
  const counts = new Map();
  const panelOf = (node) => {
    const el = node.nodeType === 1 ? node : node.parentElement;
    const section = el && el.closest("section[data-testid]");
    return section ? section.getAttribute("data-testid") : "(outside panels)";
  };
  new MutationObserver((records) => {
    for (const r of records) {
      const kind = r.type === "attributes" ? "attr " + r.attributeName : r.type;
      const key = panelOf(r.target) + "\\u0000" + kind;
      counts.set(key, (counts.get(key) || 0) + 1);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  window.__panelMutations = {
    reset: () => counts.clear(),
    take: () => [...counts].map(([k, n]) => [...k.split("\\u0000"), n]),
  };
})();`;

type Row = [panel: string, kind: string, count: number];

export async function resetPanelMutations(page: Page): Promise<void> {
  await page.evaluate("window.__panelMutations.reset()");
}

/** Lines "panel: N/s (attributes a, childList c, characterData t)", busiest first, over `wallMs`. */
export async function panelMutationLines(page: Page, wallMs: number): Promise<string[]> {
  const rows = (await page.evaluate("window.__panelMutations.take()")) as Row[];
  const byPanel = new Map<string, Map<string, number>>();
  for (const [panel, kind, n] of rows) {
    const kinds = byPanel.get(panel) ?? new Map<string, number>();
    kinds.set(kind, n);
    byPanel.set(panel, kinds);
  }
  const perSec = (n: number) => ((1000 * n) / wallMs).toFixed(1);
  const total = (k: Map<string, number>) => [...k.values()].reduce((a, b) => a + b, 0);
  const all = [...byPanel.values()].reduce((a, k) => a + total(k), 0);
  return [
    `  DOM mutations ${perSec(all)}/s in all`,
    ...[...byPanel]
      .sort((a, b) => total(b[1]) - total(a[1]))
      .map(
        ([panel, kinds]) =>
          `    ${perSec(total(kinds)).padStart(7)}/s  ${panel} (` +
          [...kinds].map(([k, n]) => `${k} ${perSec(n)}`).join(", ") +
          ")",
      ),
  ];
}
