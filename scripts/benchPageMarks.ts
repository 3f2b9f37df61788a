import type { Page } from "@playwright/test";

/** One change of a watched attribute in a page's DOM, stamped in the page (wall-clock ms). */
export interface PageMark {
  id: string;
  v: string | null;
  t: number;
}

/**
 * Runs in each page before the app: notes every change of a graph card's `data-role` and of a timeline lane's
 * `data-last-outcome` (the attributes the page already has), with the time the DOM changed (the whole document, observed before it has an <html>). A card re-rendered
 * elsewhere arrives as an added node, so added subtrees are scanned too. Only changes are kept. Plain JavaScript
 * text: tsx would wrap a function's inner functions in a `__name` helper the page does not have.
 */
export const INSTALL_MARKS = `(() => {
  const marks = [];
  window.__benchMarks = marks;
  const last = new Map();
  const watched = [["graph-node-", "data-role"], ["lane-", "data-last-outcome"]];
  const note = (el) => {
    const id = el.getAttribute("data-testid");
    if (!id) return;
    for (const [prefix, attr] of watched) {
      if (!id.startsWith(prefix)) continue;
      const v = el.getAttribute(attr);
      if (last.get(id) === v) return;
      last.set(id, v);
      marks.push({ id, v, t: performance.timeOrigin + performance.now() });
    }
  };
  const selector = '[data-testid^="graph-node-"],[data-testid^="lane-"]';
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === "attributes") note(r.target);
      else for (const n of r.addedNodes) {
        if (n.nodeType !== 1) continue;
        note(n);
        n.querySelectorAll(selector).forEach(note);
      }
    }
  }).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["data-role", "data-last-outcome"],
  });
})();`;

export function marksSince(page: Page, index: number): Promise<PageMark[]> {
  return page.evaluate(
    (i) => (window as unknown as { __benchMarks: PageMark[] }).__benchMarks.slice(i),
    index,
  );
}

export function markCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __benchMarks: PageMark[] }).__benchMarks.length);
}
