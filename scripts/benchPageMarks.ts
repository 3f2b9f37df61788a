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
  // When each lab-state and probe message reached the page's JavaScript, before socket.io handles it: the listener
  // is added in the constructor, so it runs before engine.io's own onmessage. Splits server -> DOM into the
  // delivery (sockets, the renderer's queue) and the page's own work.
  const arrivals = [];
  window.__benchArrivals = arrivals;
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (e) => {
        // One message per turn of the server's loop: 42["streams",[[name, payload], ...]].
        if (typeof e.data !== "string" || !e.data.startsWith('42["streams"')) return;
        const t = performance.timeOrigin + performance.now();
        const messages = JSON.parse(e.data.slice(2))[1];
        const labState = messages.filter((m) => m[0] === "labState").map((m) => m[1].version);
        const version = labState.length ? Math.max(...labState) : null;
        arrivals.push({ t, streams: messages.map((m) => m[0]), version });
        // In a trace (TRACE=1, category blink.user_timing): where each message came in among the page's tasks.
        performance.mark("bench:streams " + messages.map((m) => m[0]).join(",") + (version === null ? "" : " v" + version));
      });
    }
  };
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

/** A socket message (one or more streams' messages) as it reached a page, with the lab state's version in it. */
export interface PageArrival {
  streams: string[];
  version: number | null;
  t: number;
}

export function arrivalsSince(page: Page, t: number): Promise<PageArrival[]> {
  return page.evaluate(
    (since) =>
      (window as unknown as { __benchArrivals: PageArrival[] }).__benchArrivals.filter((a) => a.t >= since),
    t,
  );
}

export function marksSince(page: Page, index: number): Promise<PageMark[]> {
  return page.evaluate(
    (i) => (window as unknown as { __benchMarks: PageMark[] }).__benchMarks.slice(i),
    index,
  );
}

export function markCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __benchMarks: PageMark[] }).__benchMarks.length);
}
