import { describe, expect, it } from "vitest";
import { BACKOFF_RESET_AFTER_MS, freshCrashLoop, nextRestart } from "./crashLoopBackoff";

function delays(crashes: number, ranForMs = 1000): number[] {
  let state = freshCrashLoop;
  const out: number[] = [];
  for (let i = 0; i < crashes; i++) {
    const r = nextRestart(state, ranForMs);
    out.push(r.delayMs / 1000);
    state = r.state;
  }
  return out;
}

describe("nextRestart", () => {
  it("restarts the first crash at once, then backs off 10 s, 20 s, 40 s … capped at 5 min", () => {
    expect(delays(9)).toEqual([0, 10, 20, 40, 80, 160, 300, 300, 300]);
  });

  it("forgets the back-off once the container ran 10 min", () => {
    let state = freshCrashLoop;
    for (let i = 0; i < 5; i++) state = nextRestart(state, 1000).state;
    expect(nextRestart(state, BACKOFF_RESET_AFTER_MS - 1).delayMs).toBe(160_000);
    const afterLongRun = nextRestart(state, BACKOFF_RESET_AFTER_MS);
    expect(afterLongRun.delayMs).toBe(0);
    expect(nextRestart(afterLongRun.state, 1000).delayMs).toBe(10_000);
  });

  it("takes a shorter first step for tests", () => {
    let state = freshCrashLoop;
    const got: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = nextRestart(state, 10, 200);
      got.push(r.delayMs);
      state = r.state;
    }
    expect(got).toEqual([0, 200, 400, 800]);
  });
});
