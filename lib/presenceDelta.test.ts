import { describe, expect, it } from "vitest";
import { deltaFollows, dashboardReducer, initialDashboardState } from "./clientState";
import { applyPresenceDelta, presenceDelta, presenceOrder } from "./presenceDelta";
import { encodeSamples } from "./probeWire";
import type { PresenceEntry, Snapshot } from "./protocol";

const student = (name: string, connections = 1): PresenceEntry => ({ name, role: "student", connections });
const teacher: PresenceEntry = { name: "선생님", role: "instructor", connections: 1 };
const room = (...es: PresenceEntry[]) => [...es].sort(presenceOrder);

describe("presence as a delta keyed by name", () => {
  const a = room(teacher, student("민지"), student("지훈"), student("서연", 2));
  const b = room(teacher, student("민지", 2), student("서연", 2), student("하준"), student("Alex"));

  it("applying the delta of two lists gives the second, in the order the panel draws", () => {
    const d = presenceDelta(a, b, 3, 4);
    expect(applyPresenceDelta(a, d)).toEqual(b);
    expect(applyPresenceDelta(a, d)[0]).toEqual(teacher);
    expect(applyPresenceDelta([], presenceDelta([], b, 0, 1))).toEqual(b);
    expect(applyPresenceDelta(b, presenceDelta(b, a, 4, 5))).toEqual(a);
  });

  it("carries only who came, left or changed, and keeps the others' identity", () => {
    const d = presenceDelta(a, b, 3, 4);
    expect(d.upsert?.map((e) => e.name).sort()).toEqual(["Alex", "민지", "하준"]);
    expect(d.removed).toEqual(["지훈"]);
    const next = applyPresenceDelta(a, d);
    expect(next.find((e) => e.name === "서연")).toBe(a.find((e) => e.name === "서연"));
  });

  it("one more joiner costs the same bytes in a room of 10 or of 300", () => {
    const size = (n: number) => {
      const before = room(teacher, ...Array.from({ length: n }, (_, i) => student(`학생 ${i}`)));
      const after = room(...before, student("늦은 학생"));
      return JSON.stringify(presenceDelta(before, after, 1000, 1001)).length;
    };
    expect(size(300)).toBe(size(10));
  });

  it("no change is an empty delta that still moves the version", () => {
    const d = presenceDelta(a, a, 3, 4);
    expect(d).toEqual({ base: 3, version: 4 });
    expect(applyPresenceDelta(a, d)).toBe(a);
  });

  it("the reducer applies a delta only on the version it holds; another base is stale or a gap", () => {
    let s = dashboardReducer(initialDashboardState, {
      type: "snapshot",
      snapshot: {
        ...initialDashboardState,
        samples: encodeSamples([]),
        presence: a,
        presenceVersion: 3,
      } as unknown as Snapshot,
    });
    const next = presenceDelta(a, b, 3, 4);
    s = dashboardReducer(s, { type: "stream", name: "presence", payload: next });
    expect(s.presence).toEqual(b);
    expect(s.presenceVersion).toBe(4);
    const stale = dashboardReducer(s, { type: "stream", name: "presence", payload: next });
    expect(stale).toBe(s);
    const ahead = presenceDelta(b, a, 5, 6);
    expect(dashboardReducer(s, { type: "stream", name: "presence", payload: ahead })).toBe(s);
    expect(deltaFollows(4, next)).toBe("stale");
    expect(deltaFollows(4, ahead)).toBe("gap");
    expect(deltaFollows(4, presenceDelta(b, a, 4, 5))).toBe("applies");
  });
});
