import { describe, expect, it } from "vitest";
import { jsonEqual } from "./jsonEqual";

// The contract is JSON.stringify's equality with key order ignored: each case checks both.
const asJson = (v: unknown) =>
  JSON.stringify(v, (_k, x) =>
    x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x,
  );

describe("jsonEqual", () => {
  const cases: [string, unknown, unknown][] = [
    ["equal numbers", 1, 1],
    ["different numbers", 1, 2],
    ["a number and its string", 1, "1"],
    ["null and an empty object", null, {}],
    ["null and null", null, null],
    ["slot ranges alike", [[0, 5460]], [[0, 5460]]],
    ["slot ranges apart", [[0, 5460]], [[0, 5461]]],
    ["an array and a longer one", [1, 2], [1, 2, 3]],
    ["an array and an object with its indices", [1], { 0: 1 }],
    ["flags alike", ["master", "fail"], ["master", "fail"]],
    ["flags in another order", ["master", "fail"], ["fail", "master"]],
    ["objects, keys in another order", { a: 1, b: [2] }, { b: [2], a: 1 }],
    ["an object with one more key", { a: 1 }, { a: 1, b: 2 }],
    ["an undefined field and an absent one", { a: 1, b: undefined }, { a: 1 }],
    ["an absent field and an undefined one", { a: 1 }, { a: 1, b: undefined }],
    ["a null field and an absent one", { a: null }, {}],
    ["nested objects apart", { v: { pong: 1 } }, { v: { pong: 2 } }],
  ];
  it.each(cases)("%s: as JSON.stringify says", (_name, a, b) => {
    expect(jsonEqual(a, b)).toBe(asJson(a) === asJson(b));
    expect(jsonEqual(b, a)).toBe(asJson(a) === asJson(b));
  });

  it("tells the cases apart (the table above is not all one answer)", () => {
    const answers = new Set(cases.map(([, a, b]) => jsonEqual(a, b)));
    expect(answers).toEqual(new Set([true, false]));
  });
});
