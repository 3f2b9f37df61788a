// Redis Cluster key -> slot mapping and slot-map helpers.
import type { SlotRange } from "./types";

export const SLOT_COUNT = 16384;

const CRC16_TABLE = (() => {
  const table = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i << 8;
    for (let b = 0; b < 8; b++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    table[i] = crc;
  }
  return table;
})();

/** CRC16-XMODEM (poly 0x1021, init 0), the variant Redis Cluster uses. */
export function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) crc = ((crc << 8) & 0xffff) ^ CRC16_TABLE[((crc >> 8) ^ byte) & 0xff];
  return crc;
}

const OPEN = 0x7b; // "{"
const CLOSE = 0x7d; // "}"
const encoder = new TextEncoder();

/** The slot of a key, as `CLUSTER KEYSLOT` computes it (hash tags included). */
export function keySlot(key: string): number {
  // Redis hashes bytes, so multi-byte characters must be hashed as their UTF-8 encoding.
  const bytes = encoder.encode(key);
  const open = bytes.indexOf(OPEN);
  if (open >= 0) {
    const close = bytes.indexOf(CLOSE, open + 1);
    // `{}` (empty tag) means "no tag": the whole key is hashed.
    if (close > open + 1) return crc16(bytes.subarray(open + 1, close)) % SLOT_COUNT;
  }
  return crc16(bytes) % SLOT_COUNT;
}

export interface SlotSegment {
  from: number;
  to: number;
  owner: string | null;
}

type SlotHolder = { id: string; slots: SlotRange[] };

/** The id of the node that serves `slot`, or null. On overlap the first node listed wins. */
export function slotOwnerOf(nodes: readonly SlotHolder[], slot: number): string | null {
  return nodes.find((n) => n.slots.some(([from, to]) => slot >= from && slot <= to))?.id ?? null;
}

/**
 * Who serves which slots, as consecutive runs covering 0-16383 (owner null where none does), so a map draws a few
 * rectangles, not 16384; on overlap the first node listed wins. Made from the ranges' edges, not from a
 * 16384-entry table: the page made that table on every promotion and the guide on every render (14 ms of a
 * failover's longest render on a 30-minute timeline, bench:page PROFILE).
 */
export function ownerSegments(nodes: readonly SlotHolder[]): SlotSegment[] {
  const edges = new Set([0]);
  for (const n of nodes)
    for (const [from, to] of n.slots) {
      if (from < SLOT_COUNT) edges.add(Math.max(0, from));
      if (to + 1 < SLOT_COUNT) edges.add(Math.max(0, to + 1));
    }
  const starts = [...edges].sort((x, y) => x - y);
  const segments: SlotSegment[] = [];
  starts.forEach((from, i) => {
    // No range starts or ends inside [from, next): one node serves all of it, or none does.
    const owner = slotOwnerOf(nodes, from);
    const to = (starts[i + 1] ?? SLOT_COUNT) - 1;
    const last = segments[segments.length - 1];
    if (last && last.owner === owner) last.to = to;
    else segments.push({ from, to, owner });
  });
  return segments;
}

/** Slot ranges no node serves: while any exist, `cluster_state` is fail (full coverage). */
export function uncoveredRanges(segments: readonly SlotSegment[]): SlotRange[] {
  return segments.filter((seg) => seg.owner === null).map((seg): SlotRange => [seg.from, seg.to]);
}

export function compressSlots(slots: number[]): SlotRange[] {
  const sorted = [...new Set(slots)].sort((a, b) => a - b);
  const ranges: SlotRange[] = [];
  for (const s of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && last[1] === s - 1) last[1] = s;
    else ranges.push([s, s]);
  }
  return ranges;
}

export function countSlots(ranges: SlotRange[]): number {
  return ranges.reduce((sum, [from, to]) => sum + (to - from + 1), 0);
}

/** `0-5460, 10923` — slot ranges the way CLUSTER NODES prints them. */
export function formatSlots(ranges: SlotRange[]): string {
  return ranges.map(([from, to]) => (from === to ? `${from}` : `${from}-${to}`)).join(", ");
}
