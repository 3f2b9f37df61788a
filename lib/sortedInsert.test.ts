import { describe, expect, it } from "vitest";
import { insertSorted } from "./sortedInsert";

const byValue = (n: number) => n;

describe("insertSorted", () => {
  it("appends an item that comes last, and puts a late one where it belongs", () => {
    const list = [1, 3, 5];
    insertSorted(list, 6, byValue);
    insertSorted(list, 4, byValue);
    insertSorted(list, 0, byValue);
    expect(list).toEqual([0, 1, 3, 4, 5, 6]);
  });

  it("keeps arrival order among equal keys (a tick's lanes share one time)", () => {
    const list = [{ t: 1, id: "a" }];
    insertSorted(list, { t: 1, id: "b" }, (x) => x.t);
    insertSorted(list, { t: 0, id: "c" }, (x) => x.t);
    expect(list.map((x) => x.id)).toEqual(["c", "a", "b"]);
  });
});
