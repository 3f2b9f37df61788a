import { describe, expect, it } from "vitest";
import { assignNodeColors } from "./nodeColors";

const ids = ["83ff7764", "00dd2be2", "6fac82b5", "9a20b7f4", "d200a211", "97e2b4c8"];

describe("assignNodeColors", () => {
  it("gives ids seen together distinct colours", () => {
    const out = assignNodeColors(ids, new Map(), 10);
    expect(new Set(out.values()).size).toBe(ids.length);
  });

  it("is deterministic for the same ids", () => {
    expect(assignNodeColors(ids, new Map(), 10)).toEqual(assignNodeColors([...ids].reverse(), new Map(), 10));
  });

  it("keeps colours of known ids when a new id appears", () => {
    const first = assignNodeColors(ids, new Map(), 10);
    const next = assignNodeColors([...ids, "11439c6c"], first, 10);
    for (const id of ids) expect(next.get(id)).toBe(first.get(id));
    expect([...first.values()]).not.toContain(next.get("11439c6c"));
  });

  it("reuses colours once the palette is exhausted", () => {
    const out = assignNodeColors(["a", "b", "c"], new Map(), 2);
    expect(out.size).toBe(3);
  });
});
