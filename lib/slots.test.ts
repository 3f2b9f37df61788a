import { describe, it, expect } from "vitest";
import type { SlotRange } from "./types";
import {
  compressSlots,
  countSlots,
  crc16,
  formatSlots,
  keySlot,
  ownerSegments,
  slotOwnerOf,
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

describe("slot owners and segments", () => {
  it("covers all slots in the healthy cluster", () => {
    const segments = ownerSegments(SEED_MASTERS);
    expect(slotOwnerOf(SEED_MASTERS, 15495)).toBe("e64f0b9d");
    expect(uncoveredRanges(segments)).toEqual([]);
    expect(segments).toEqual([
      { from: 0, to: 5460, owner: "3878969c" },
      { from: 5461, to: 10922, owner: "596caffb" },
      { from: 10923, to: 16383, owner: "e64f0b9d" },
    ]);
  });

  it("finds the hole a failed master leaves before promotion", () => {
    const segments = ownerSegments([SEED_MASTERS[0], SEED_MASTERS[1], { id: "x", slots: [[10923, 10923]] }]);
    expect(uncoveredRanges(segments)).toEqual([[10924, 16383]]);
    expect(segments.at(-1)).toEqual({ from: 10924, to: 16383, owner: null });
  });

  it("keeps the first owner on overlap and ignores out-of-range slots", () => {
    const nodes = [
      { id: "a", slots: [[0, 10]] as SlotRange[] },
      { id: "b", slots: [[5, 20000]] as SlotRange[] },
    ];
    expect(slotOwnerOf(nodes, 5)).toBe("a");
    expect(slotOwnerOf(nodes, 16383)).toBe("b");
    expect(ownerSegments(nodes)).toEqual([
      { from: 0, to: 10, owner: "a" },
      { from: 11, to: 16383, owner: "b" },
    ]);
  });

  it("joins a node's adjacent ranges and splits around another node's slots inside them", () => {
    const nodes = [
      { id: "a", slots: [[100, 100]] as SlotRange[] },
      {
        id: "b",
        slots: [
          [0, 99],
          [101, 16383],
        ] as SlotRange[],
      },
      { id: "c", slots: [[0, 16383]] as SlotRange[] },
    ];
    expect(ownerSegments(nodes)).toEqual([
      { from: 0, to: 99, owner: "b" },
      { from: 100, to: 100, owner: "a" },
      { from: 101, to: 16383, owner: "b" },
    ]);
  });

  it("agrees slot by slot with the first listed node that holds it", () => {
    const nodes = [
      {
        id: "a",
        slots: [
          [3, 7],
          [9000, 9001],
        ] as SlotRange[],
      },
      {
        id: "b",
        slots: [
          [5, 12],
          [16380, 16383],
        ] as SlotRange[],
      },
      {
        id: "c",
        slots: [
          [0, 0],
          [8000, 9000],
        ] as SlotRange[],
      },
    ];
    const segments = ownerSegments(nodes);
    for (let slot = 0; slot < 16384; slot++) {
      const seg = segments.find((x) => slot >= x.from && slot <= x.to);
      expect(seg === undefined ? "missing" : seg.owner, `slot ${slot}`).toBe(slotOwnerOf(nodes, slot));
    }
    expect(segments.every((x, i) => i === 0 || x.owner !== segments[i - 1].owner)).toBe(true);
  });

  it("reports everything uncovered for an empty cluster", () => {
    expect(ownerSegments([])).toEqual([{ from: 0, to: 16383, owner: null }]);
    expect(uncoveredRanges(ownerSegments([]))).toEqual([[0, 16383]]);
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
