import { describe, expect, it } from "vitest";
import { ActionError } from "./actions/actionError";
import { createRateLimit } from "./rateLimit";

const rules = { action: { max: 2, windowMs: 1000 }, "heavy-read": { max: 3, windowMs: 1000 } };

function status(f: () => void): number | null {
  try {
    f();
    return null;
  } catch (err) {
    return err instanceof ActionError ? err.status : -1;
  }
}

describe("createRateLimit", () => {
  it("counts a person by role and name, whatever connection the request comes in on", () => {
    let now = 0;
    const limit = createRateLimit(rules, () => now);
    const alice = { role: "student", name: "alice" };
    // Three "connections" of the same person share one budget: reconnecting after a 429 gains nothing.
    for (let i = 0; i < 3; i++) expect(status(() => limit({ ...alice }, "heavy-read"))).toBeNull();
    expect(status(() => limit({ ...alice }, "heavy-read"))).toBe(429);
    expect(status(() => limit({ role: "student", name: "bob" }, "heavy-read"))).toBeNull();
    expect(status(() => limit({ role: "instructor", name: "alice" }, "heavy-read"))).toBeNull();
    // Kinds have their own budgets.
    expect(status(() => limit(alice, "action"))).toBeNull();
    now = 1000;
    expect(status(() => limit(alice, "heavy-read"))).toBeNull();
  });

  it("keeps refusing while the window is full, and says when to try again", () => {
    let now = 0;
    const limit = createRateLimit(rules, () => now);
    const who = { role: "student", name: "s" };
    limit(who, "action");
    now = 400;
    limit(who, "action");
    now = 900;
    expect(() => limit(who, "action")).toThrow(/at most 2 per 1 s; try again in 1 s/);
    now = 1001;
    expect(status(() => limit(who, "action"))).toBeNull();
  });
});
