import { describe, expect, it } from "vitest";
import { anyoneMay, applyGrant, may, NO_GRANTS, OPERATIONS, permissionsOf, refusal } from "./permissions";

const teacher = { role: "instructor" as const, name: "강사" };
const minji = { role: "student" as const, name: "민지" };
const jun = { role: "student" as const, name: "준" };

describe("may", () => {
  it("lets the instructor do everything and a student nothing by default", () => {
    expect(may(teacher, "delete", NO_GRANTS)).toBe(true);
    expect(may(teacher, "grant", NO_GRANTS)).toBe(true);
    expect(Object.values(permissionsOf(minji, NO_GRANTS)).some(Boolean)).toBe(false);
  });

  it("follows a grant to one named student only, and its revocation at once", () => {
    let g = applyGrant(NO_GRANTS, { action: "delete", to: "민지", allowed: true });
    expect(may(minji, "delete", g)).toBe(true);
    expect(may(jun, "delete", g)).toBe(false);
    expect(may(minji, "crash", g)).toBe(false);
    g = applyGrant(g, { action: "delete", to: "민지", allowed: false });
    expect(may(minji, "delete", g)).toBe(false);
    expect(g.people).toEqual({});
  });

  it("grants to everyone, and never the instructor's own actions", () => {
    const g = applyGrant(NO_GRANTS, { action: "repair", to: "everyone", allowed: true });
    expect(may(jun, "repair", g)).toBe(true);
    expect(may(jun, "autoRepair", g)).toBe(false);
    expect(may(jun, "grant", g)).toBe(false);
  });
});

describe("refusal", () => {
  it("says not_granted for what the instructor could hand over, forbidden for the instructor's own", () => {
    const g = applyGrant(NO_GRANTS, { action: "delete", to: "민지", allowed: true });
    expect(refusal(minji, "delete", g)).toBeNull();
    expect(refusal(jun, "delete", g)).toEqual({ code: "not_granted", params: { action: "delete" } });
    expect(refusal(minji, "guide", g)).toEqual({ code: "forbidden", params: { action: "guide" } });
    expect(refusal(teacher, "guide", NO_GRANTS)).toBeNull();
  });
});

describe("anyoneMay", () => {
  it("is true while any student holds the action, and false once it is revoked", () => {
    const g = applyGrant(NO_GRANTS, { action: "delete", to: "민지", allowed: true });
    expect(anyoneMay(g, "delete")).toBe(true);
    expect(anyoneMay(g, "crash")).toBe(false);
    expect(anyoneMay(applyGrant(g, { action: "delete", to: "민지", allowed: false }), "delete")).toBe(false);
    expect(
      anyoneMay(applyGrant(NO_GRANTS, { action: "crash", to: "everyone", allowed: true }), "crash"),
    ).toBe(true);
  });
});

describe("OPERATIONS", () => {
  it("asks a crash for its own grant, and nothing of the plan and evidence reads", () => {
    expect(OPERATIONS.deletePod.needs({ pod: "p", mode: "crash" })).toBe("crash");
    expect(OPERATIONS.deletePod.needs({ pod: "p" })).toBe("delete");
    expect(OPERATIONS.deletePod.needs(null)).toBe("delete");
    expect(OPERATIONS.repairPlan.needs({})).toBeNull();
    expect(OPERATIONS.setGrant.needs({})).toBe("grant");
    expect(OPERATIONS.setGuideStep.needs({ step: "delete" })).toBe("guide");
  });
});
