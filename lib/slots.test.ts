import { describe, it, expect } from "vitest";
import {
  compressSlots,
  countSlots,
  crc16,
  formatSlots,
  keySlot,
  slotOwners,
  slotSegments,
  uncoveredRanges,
} from "./slots";

describe("keySlot", () => {
  it("matches the slots the seed's redis-cli redirects to", () => {
    expect(keySlot("a")).toBe(15495);
    expect(keySlot("b")).toBe(3300);
    expect(keySlot("c")).toBe(7365);
    expect(keySlot("foo")).toBe(12182);
  });

  it("hashes only a non-empty hash tag", () => {
    expect(keySlot("{user1000}.following")).toBe(keySlot("user1000"));
    expect(keySlot("{user1000}.followers")).toBe(keySlot("user1000"));
    expect(keySlot("foo{}{bar}")).toBe(crc16(new TextEncoder().encode("foo{}{bar}")) % 16384);
    expect(keySlot("foo{{bar}}zap")).toBe(keySlot("{bar"));
    expect(keySlot("foo{bar}{zap}")).toBe(keySlot("bar"));
  });

  it("uses the CRC16-XMODEM check value", () => {
    expect(crc16(new TextEncoder().encode("123456789"))).toBe(0x31c3);
  });

  it("hashes UTF-8 bytes", () => {
    expect(keySlot("키")).toBe(crc16(new Uint8Array([0xed, 0x82, 0xa4])) % 16384);
  });
});

const SEED_MASTERS = [
  { id: "3878969c", slots: [[0, 5460]] as [number, number][] },
  { id: "596caffb", slots: [[5461, 10922]] as [number, number][] },
  { id: "e64f0b9d", slots: [[10923, 16383]] as [number, number][] },
];

describe("slotOwners and segments", () => {
  it("covers all slots in the healthy cluster", () => {
    const owners = slotOwners(SEED_MASTERS);
    expect(owners).toHaveLength(16384);
    expect(owners[15495]).toBe("e64f0b9d");
    expect(uncoveredRanges(owners)).toEqual([]);
    expect(slotSegments(owners)).toEqual([
      { from: 0, to: 5460, owner: "3878969c" },
      { from: 5461, to: 10922, owner: "596caffb" },
      { from: 10923, to: 16383, owner: "e64f0b9d" },
    ]);
  });

  it("finds the hole a failed master leaves before promotion", () => {
    const owners = slotOwners([SEED_MASTERS[0], SEED_MASTERS[1], { id: "x", slots: [[10923, 10923]] }]);
    expect(uncoveredRanges(owners)).toEqual([[10924, 16383]]);
    expect(slotSegments(owners).at(-1)).toEqual({ from: 10924, to: 16383, owner: null });
  });

  it("keeps the first owner on overlap and ignores out-of-range slots", () => {
    const owners = slotOwners([
      { id: "a", slots: [[0, 10]] },
      { id: "b", slots: [[5, 20000]] },
    ]);
    expect(owners[5]).toBe("a");
    expect(owners[16383]).toBe("b");
    expect(owners).toHaveLength(16384);
  });

  it("reports everything uncovered for an empty cluster", () => {
    expect(uncoveredRanges(slotOwners([]))).toEqual([[0, 16383]]);
  });
});

describe("compressSlots, countSlots, formatSlots", () => {
  it("compresses unsorted, duplicated slots into ranges", () => {
    expect(compressSlots([5, 3, 4, 4, 10, 0])).toEqual([
      [0, 0],
      [3, 5],
      [10, 10],
    ]);
    expect(compressSlots([])).toEqual([]);
  });

  it("counts and formats ranges", () => {
    expect(countSlots(SEED_MASTERS.flatMap((m) => m.slots))).toBe(16384);
    expect(countSlots([[5461, 5461]])).toBe(1);
    expect(
      formatSlots([
        [0, 5460],
        [5461, 5461],
      ]),
    ).toBe("0-5460, 5461");
  });
});
