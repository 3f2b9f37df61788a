// A file larger than the viewer's window (a long session's incr file) is decoded from its tail only: the
// newest commands are what a class looks at after a write. The tail starts at the first command boundary in
// it, so no half command is shown as if it were RESP; the viewer says from which byte of the file it reads.
import { decodeAofFile } from "./decodeAof";

/**
 * Every browser gets the decoded lines; a classroom's incr file stays far below this. Of a bigger file only
 * the last window is decoded, and the viewer says from which byte.
 */
export const AOF_WINDOW_BYTES = 64 * 1024;

export interface AofTail {
  /** The bytes to decode: from a command's `*` to the end of what was read. */
  data: Uint8Array;
  /** Where `data` starts in the whole file. */
  offset: number;
}

const STAR = 0x2a;
const LF = 0x0a;
const CR = 0x0d;

/** `*<digits>\r\n` at `i`: what a command's first line looks like. */
function countHeaderAt(buf: Uint8Array, i: number): boolean {
  if (buf[i] !== STAR) return false;
  let j = i + 1;
  while (j < buf.length && buf[j] >= 0x30 && buf[j] <= 0x39) j++;
  return j > i + 1 && buf[j] === CR && buf[j + 1] === LF;
}

/**
 * The last `limit` bytes of a file of `size` bytes, of which `data` holds the end (all of it, or only a tail
 * already cut as `tail -c` does), moved forward to the first command that decodes cleanly from there: a
 * `*` after a line end whose decode is not malformed (a value may itself contain `\n*3\r\n`).
 */
export function aofTail(data: Uint8Array, size: number, limit = AOF_WINDOW_BYTES): AofTail {
  const cut = Math.max(0, data.length - limit);
  const window = data.subarray(cut);
  const base = size - data.length + cut;
  if (base === 0) return { data: window, offset: 0 };
  for (let i = 1; i < window.length; i++) {
    if (window[i - 1] !== LF || !countHeaderAt(window, i)) continue;
    const rest = window.subarray(i);
    const decoded = decodeAofFile(rest);
    if (decoded.kind === "aof" && decoded.stop?.kind !== "malformed") return { data: rest, offset: base + i };
  }
  // No boundary in the window (one huge value): nothing decodable, shown as from its end.
  return { data: window.subarray(window.length), offset: size };
}
