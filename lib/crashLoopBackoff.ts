// The kubelet's restart back-off for a container that keeps dying (CrashLoopBackOff): 10 s, doubled after
// each crash, capped at 5 min, and forgotten once the container has run 10 min without dying.

export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;
export const BACKOFF_RESET_AFTER_MS = 600_000;

export interface CrashLoopState {
  /** The delay the next crash waits before its restart; 0 until the container first dies. */
  nextDelayMs: number;
}

export const freshCrashLoop: CrashLoopState = { nextDelayMs: 0 };

/**
 * The wait before restarting a container that just died after running `ranForMs`, and the state for the
 * next crash. The first crash restarts at once, as the kubelet does; each crash after that waits twice as
 * long as the previous one.
 */
export function nextRestart(
  state: CrashLoopState,
  ranForMs: number,
  initialMs = BACKOFF_INITIAL_MS,
): { delayMs: number; state: CrashLoopState } {
  const base = ranForMs >= BACKOFF_RESET_AFTER_MS ? 0 : state.nextDelayMs;
  const delayMs = Math.min(base, BACKOFF_MAX_MS);
  const next = base === 0 ? initialMs : Math.min(base * 2, BACKOFF_MAX_MS);
  return { delayMs, state: { nextDelayMs: next } };
}
