// The page's clocks, outside React: one per interval, so every AGE, elapsed time and timeline edge that moves
// each second moves in the same task as the others, and React renders them in one pass (DESIGN §7: an idle
// page ≤ 5 % of a core). A clock runs only while some component listens (components/common/serverClock.tsx).

interface Ticker {
  now: number;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setTimeout> | null;
}

/** The clock the steady probe batch beats (LabConnection): the one that AGE and the timeline's edge read. */
export const BEAT_MS = 1000;
/** Without a beat (no batch came: disconnected, a slow server), the clock ticks on by itself after this. */
const BEAT_GRACE_MS = 250;

const tickers = new Map<number, Ticker>();

function ticker(intervalMs: number): Ticker {
  let t = tickers.get(intervalMs);
  if (!t) tickers.set(intervalMs, (t = { now: Date.now(), listeners: new Set(), timer: null }));
  return t;
}

export function tickerNow(intervalMs: number): number {
  return ticker(intervalMs).now;
}

function fire(t: Ticker): void {
  t.now = Date.now();
  for (const l of t.listeners) l();
}

function tick(t: Ticker, intervalMs: number): void {
  fire(t);
  // On whole multiples of the interval: clocks that share it fire together.
  schedule(t, intervalMs, intervalMs - (Date.now() % intervalMs));
}

function schedule(t: Ticker, intervalMs: number, delayMs: number): void {
  if (t.timer) clearTimeout(t.timer);
  t.timer = setTimeout(() => tick(t, intervalMs), delayMs);
}

export function subscribeTicker(intervalMs: number, listener: () => void): () => void {
  const t = ticker(intervalMs);
  t.listeners.add(listener);
  if (!t.timer) {
    t.now = Date.now();
    schedule(t, intervalMs, intervalMs - (t.now % intervalMs));
  }
  return () => {
    t.listeners.delete(listener);
    if (t.listeners.size === 0 && t.timer) {
      clearTimeout(t.timer);
      t.timer = null;
    }
  };
}

/**
 * The steady probe batch arrived (the server sends one a second): the one-second clock ticks with it, in the
 * same task, so an idle page draws the new samples and the new AGE in one frame, not in two a few hundred ms
 * apart. Its own timer then waits a little longer than a second for the next beat.
 */
export function beat(): void {
  const t = tickers.get(BEAT_MS);
  if (!t?.timer) return;
  fire(t);
  schedule(t, BEAT_MS, BEAT_MS + BEAT_GRACE_MS);
}
