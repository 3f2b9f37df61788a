// A reader for the files of Redis's `appendonlydir/`: an incr file is RESP arrays of bulk strings, one per
// command, exactly as the seed prints them (`*3 $3 set $1 a $4 3333`). The viewer shows the raw lines beside
// the decoded commands, so every raw line keeps its byte span and says what it is (element count, byte
// length, data) — that is what the seed's explanation of `*` and `$` is attached to.
// Nothing here throws on file content: a file is read while Redis appends to it, and after a crash its tail
// may stop mid-command, which the viewer must show rather than fail on.

/** One argument as the viewer shows it. */
export interface AofArg {
  /** The argument's text; when `escaped`, non-UTF-8 bytes and control characters are `\xHH`, `\r`, `\\`… */
  text: string;
  /** True when `text` uses escapes (show it in quotes, as redis-cli does). */
  escaped: boolean;
  /** True when the bytes are not valid UTF-8. */
  binary: boolean;
}

export type AofLineRole = "count" | "length" | "data";

/** One raw line of the file: a `*n` or `$n` header, or the bytes of one element (which may hold CRLFs). */
export interface AofLine {
  role: AofLineRole;
  /** Byte offset of the line's first byte, and of the byte after its content (its CRLF excluded). */
  start: number;
  end: number;
  /** The line as text, escaped where it is not printable UTF-8. */
  text: string;
  /** For `count`: the number of elements; for `length`: the number of bytes; else null. */
  value: number | null;
  /** Index into `commands`, or null for the lines of a truncated tail. */
  command: number | null;
}

export interface AofCommand {
  args: AofArg[];
  /** The db the command ran in: the last `SELECT` before it (a file starts in db 0). */
  db: number;
  /** Byte span of the whole command, CRLFs included. */
  start: number;
  end: number;
  /** Indices into `lines`, inclusive. */
  firstLine: number;
  lastLine: number;
  /** Index into `transactions` for MULTI, the commands inside, and EXEC; else null. */
  transaction: number | null;
}

export interface AofTransaction {
  /** Indices into `commands` of MULTI and of EXEC (null when the file ends before EXEC). */
  multi: number;
  exec: number | null;
}

/** Why decoding stopped before the end of the file. */
export type AofStop =
  /** The file ends inside a command (a crash or a read during a write): Redis's `aof-load-truncated`. */
  | { kind: "truncated"; offset: number; bytes: number }
  /** The bytes at `offset` are not RESP (`expected` says what was due: "*", "$", "CRLF"). */
  | { kind: "malformed"; offset: number; bytes: number; expected: "*" | "$" | "CRLF" };

export type DecodedAofFile =
  | {
      kind: "aof";
      bytes: number;
      lines: AofLine[];
      commands: AofCommand[];
      transactions: AofTransaction[];
      stop: AofStop | null;
    }
  /** A base file written as RDB (aof-use-rdb-preamble): binary, not decoded; the viewer says how big it is. */
  | { kind: "rdb-preamble"; bytes: number };

const CR = 0x0d;
const LF = 0x0a;
const utf8 = new TextDecoder("utf-8", { fatal: true });
const RDB_MAGIC = [0x52, 0x45, 0x44, 0x49, 0x53]; // "REDIS"

export function decodeAofFile(input: Uint8Array | string): DecodedAofFile {
  const buf = typeof input === "string" ? new TextEncoder().encode(input) : input;
  if (buf.length >= RDB_MAGIC.length && RDB_MAGIC.every((b, i) => buf[i] === b)) {
    return { kind: "rdb-preamble", bytes: buf.length };
  }
  const lines: AofLine[] = [];
  const commands: AofCommand[] = [];
  const transactions: AofTransaction[] = [];
  let db = 0;
  let openTx: number | null = null;
  let pos = 0;
  let stop: AofStop | null = null;

  while (pos < buf.length && !stop) {
    const parsed = readCommand(buf, pos);
    if ("stop" in parsed) {
      stop = parsed.stop;
      for (const l of parsed.lines) lines.push({ ...l, command: null });
      break;
    }
    const index = commands.length;
    const firstLine = lines.length;
    for (const l of parsed.lines) lines.push({ ...l, command: index });
    const name = parsed.args[0]?.text.toUpperCase() ?? "";
    if (name === "SELECT" && parsed.args[1]) {
      const n = Number(parsed.args[1].text);
      if (Number.isInteger(n) && n >= 0) db = n;
    }
    if (name === "MULTI") {
      openTx = transactions.length;
      transactions.push({ multi: index, exec: null });
    }
    commands.push({
      args: parsed.args,
      db,
      start: pos,
      end: parsed.end,
      firstLine,
      lastLine: lines.length - 1,
      transaction: openTx,
    });
    if (name === "EXEC" && openTx !== null) {
      transactions[openTx].exec = index;
      openTx = null;
    }
    pos = parsed.end;
  }
  return { kind: "aof", bytes: buf.length, lines, commands, transactions, stop };
}

type RawLine = Omit<AofLine, "command">;
type Parsed = { args: AofArg[]; lines: RawLine[]; end: number } | { stop: AofStop; lines: RawLine[] };

function readCommand(buf: Uint8Array, start: number): Parsed {
  const lines: RawLine[] = [];
  const truncated = (): Parsed => ({
    stop: { kind: "truncated", offset: start, bytes: buf.length - start },
    lines,
  });
  const malformed = (at: number, expected: "*" | "$" | "CRLF"): Parsed => ({
    stop: { kind: "malformed", offset: at, bytes: buf.length - at, expected },
    lines,
  });

  const header = readHeaderLine(buf, start, 0x2a /* * */);
  if (header === "truncated") return truncated();
  if (header === "malformed") return malformed(start, "*");
  lines.push({ role: "count", start, end: header.end, text: `*${header.value}`, value: header.value });
  let pos = header.next;
  const args: AofArg[] = [];
  for (let i = 0; i < header.value; i++) {
    const len = readHeaderLine(buf, pos, 0x24 /* $ */);
    if (len === "truncated") return truncated();
    if (len === "malformed") return malformed(pos, "$");
    lines.push({ role: "length", start: pos, end: len.end, text: `$${len.value}`, value: len.value });
    const dataStart = len.next;
    const dataEnd = dataStart + len.value;
    if (dataEnd > buf.length) {
      if (dataStart < buf.length) lines.push(dataLine(buf.subarray(dataStart), dataStart));
      return truncated();
    }
    lines.push(dataLine(buf.subarray(dataStart, dataEnd), dataStart));
    if (dataEnd + 2 > buf.length) return truncated();
    if (buf[dataEnd] !== CR || buf[dataEnd + 1] !== LF) return malformed(dataEnd, "CRLF");
    args.push(renderArg(buf.subarray(dataStart, dataEnd)));
    pos = dataEnd + 2;
  }
  return { args, lines, end: pos };
}

function dataLine(bytes: Uint8Array, start: number): RawLine {
  return { role: "data", start, end: start + bytes.length, text: renderArg(bytes).text, value: null };
}

/** `*<n>\r\n` or `$<n>\r\n` at `pos`. */
function readHeaderLine(
  buf: Uint8Array,
  pos: number,
  marker: number,
): { value: number; end: number; next: number } | "truncated" | "malformed" {
  if (pos >= buf.length) return "truncated";
  if (buf[pos] !== marker) return "malformed";
  let i = pos + 1;
  let value = 0;
  let digits = 0;
  while (i < buf.length && buf[i] >= 0x30 && buf[i] <= 0x39) {
    value = value * 10 + (buf[i] - 0x30);
    digits++;
    i++;
  }
  if (i >= buf.length) return "truncated";
  if (digits === 0 || buf[i] !== CR) return "malformed";
  if (i + 1 >= buf.length) return "truncated";
  if (buf[i + 1] !== LF) return "malformed";
  return { value, end: i, next: i + 2 };
}

/** Valid UTF-8 stays text (so `héllo` reads as written); anything else is escaped byte by byte. */
export function renderArg(bytes: Uint8Array): AofArg {
  let text: string | null = null;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = null;
  }
  if (text !== null) {
    // eslint-disable-next-line no-control-regex
    if (!/[\x00-\x1f\x7f"\\]/.test(text)) return { text, escaped: false, binary: false };
    let out = "";
    for (const ch of text) {
      const code = ch.codePointAt(0)!;
      out += code < 0x20 || code === 0x7f || ch === '"' || ch === "\\" ? escapeByte(code) : ch;
    }
    return { text: out, escaped: true, binary: false };
  }
  let out = "";
  for (const b of bytes)
    out += b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : escapeByte(b);
  return { text: out, escaped: true, binary: true };
}

/** redis-cli's `sdscatrepr` spelling. */
function escapeByte(b: number): string {
  switch (b) {
    case 0x5c:
      return "\\\\";
    case 0x22:
      return '\\"';
    case 0x0a:
      return "\\n";
    case 0x0d:
      return "\\r";
    case 0x09:
      return "\\t";
    case 0x07:
      return "\\a";
    case 0x08:
      return "\\b";
    default:
      return `\\x${b.toString(16).padStart(2, "0")}`;
  }
}
