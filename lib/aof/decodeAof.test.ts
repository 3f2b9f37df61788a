import { describe, expect, it } from "vitest";
import { decodeAofFile, renderArg, type DecodedAofFile } from "./decodeAof";

const resp = (...args: string[]) =>
  `*${args.length}\r\n` + args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("");
// What redis-server 7.0.15 wrote to appendonly.aof.1.incr.aof for the seed's three SETs.
const SEED =
  resp("SELECT", "0") + resp("set", "a", "1111") + resp("set", "a", "2222") + resp("set", "a", "3333");

function aof(d: DecodedAofFile) {
  if (d.kind !== "aof") throw new Error(`expected an AOF, got ${d.kind}`);
  return d;
}
const words = (d: ReturnType<typeof aof>) => d.commands.map((c) => c.args.map((a) => a.text).join(" "));

describe("decodeAofFile", () => {
  it("decodes the seed's file into commands with the raw lines they came from", () => {
    const d = aof(decodeAofFile(SEED));
    expect(words(d)).toEqual(["SELECT 0", "set a 1111", "set a 2222", "set a 3333"]);
    expect(d.stop).toBeNull();
    expect(d.bytes).toBe(Buffer.byteLength(SEED));
    // The seed prints the file as 22 lines: `*2 $6 SELECT $1 0` then three `*3 $3 set $1 a $4 …`.
    expect(d.lines.map((l) => l.text)).toEqual(SEED.split("\r\n").slice(0, -1));
    const set = d.commands[3];
    expect(d.lines.slice(set.firstLine, set.lastLine + 1).map((l) => [l.role, l.value])).toEqual([
      ["count", 3],
      ["length", 3],
      ["data", null],
      ["length", 1],
      ["data", null],
      ["length", 4],
      ["data", null],
    ]);
    expect(SEED.slice(set.start, set.end)).toBe(resp("set", "a", "3333"));
    const last = d.lines[set.lastLine];
    expect(SEED.slice(last.start, last.end)).toBe("3333");
    expect(d.lines.every((l) => l.command !== null)).toBe(true);
  });

  it("gives every command the db of the SELECT before it", () => {
    const text =
      resp("set", "x", "1") +
      resp("SELECT", "3") +
      resp("set", "b", "h") +
      resp("SELECT", "0") +
      resp("del", "x");
    const d = aof(decodeAofFile(text));
    expect(d.commands.map((c) => [c.args[0].text, c.db])).toEqual([
      ["set", 0],
      ["SELECT", 3],
      ["set", 3],
      ["SELECT", 0],
      ["del", 0],
    ]);
  });

  it("groups MULTI … EXEC, and marks a transaction the file ends inside", () => {
    const text =
      resp("SELECT", "0") +
      resp("MULTI") +
      resp("SET", "c", "1") +
      resp("INCR", "c") +
      resp("EXEC") +
      resp("set", "d", "1") +
      resp("MULTI") +
      resp("SET", "e", "1");
    const d = aof(decodeAofFile(text));
    expect(d.transactions).toEqual([
      { multi: 1, exec: 4 },
      { multi: 6, exec: null },
    ]);
    expect(d.commands.map((c) => c.transaction)).toEqual([null, 0, 0, 0, 0, null, 1, 1]);
  });

  it("reports a tail cut mid-command as truncated, keeping the commands before it and the partial lines", () => {
    const whole = resp("SELECT", "0") + resp("set", "a", "1111");
    const cut = resp("set", "a", "3333").slice(0, -4); // "…$4\r\n33"
    for (const tail of [cut, "*3\r", "*3\r\n$3\r\nset\r\n$1", "*3\r\n$3\r\nset"]) {
      const d = aof(decodeAofFile(whole + tail));
      expect(words(d)).toEqual(["SELECT 0", "set a 1111"]);
      expect(d.stop).toEqual({ kind: "truncated", offset: whole.length, bytes: tail.length });
    }
    const d = aof(decodeAofFile(whole + cut));
    expect(d.lines.filter((l) => l.command === null).map((l) => l.text)).toEqual([
      "*3",
      "$3",
      "set",
      "$1",
      "a",
      "$4",
      "33",
    ]);
  });

  it("stops at bytes that are not RESP, saying what was expected there", () => {
    const good = resp("set", "a", "1");
    expect(aof(decodeAofFile(good + "garbage\r\n")).stop).toEqual({
      kind: "malformed",
      offset: good.length,
      bytes: 9,
      expected: "*",
    });
    expect(aof(decodeAofFile("*1\r\n$2\r\nabc\r\n")).stop).toMatchObject({
      kind: "malformed",
      offset: 10,
      expected: "CRLF",
    });
    expect(aof(decodeAofFile("*1\r\n:2\r\n")).stop).toMatchObject({
      kind: "malformed",
      offset: 4,
      expected: "$",
    });
  });

  it("escapes non-UTF-8 values, keeps UTF-8 text, and reads CRLF inside a value as data", () => {
    // The bytes Redis wrote for `set bin "\xff\xfe"` and `set b héllo`, as captured from redis-server 7.0.
    const bin = new Uint8Array([
      ...Buffer.from("*3\r\n$3\r\nset\r\n$3\r\nbin\r\n$2\r\n"),
      0xff,
      0xfe,
      0x0d,
      0x0a,
    ]);
    const d = aof(decodeAofFile(bin));
    expect(d.commands[0].args[2]).toEqual({ text: "\\xff\\xfe", escaped: true, binary: true });
    expect(d.lines.at(-1)).toMatchObject({ role: "data", text: "\\xff\\xfe", start: 26, end: 28 });

    const utf = aof(decodeAofFile(resp("set", "b", "héllo")));
    expect(utf.commands[0].args[2]).toEqual({ text: "héllo", escaped: false, binary: false });

    const crlf = aof(decodeAofFile(resp("set", "k", "x\r\ny")));
    expect(crlf.commands[0].args[2]).toEqual({ text: "x\\r\\ny", escaped: true, binary: false });
    expect(crlf.stop).toBeNull();
  });

  it("does not decode an RDB base file", () => {
    const rdb = new Uint8Array([
      ...Buffer.from("REDIS0010"),
      0xfa,
      0x09,
      ...Buffer.from("redis-ver"),
      0xff,
      0,
      1,
      2,
    ]);
    expect(decodeAofFile(rdb)).toEqual({ kind: "rdb-preamble", bytes: rdb.length });
  });

  it("reads an empty file as no commands", () => {
    expect(decodeAofFile("")).toEqual({
      kind: "aof",
      bytes: 0,
      lines: [],
      commands: [],
      transactions: [],
      stop: null,
    });
  });
});

describe("renderArg", () => {
  it("escapes quotes and backslashes so the quoted form is unambiguous", () => {
    expect(renderArg(Buffer.from('a"b\\c'))).toEqual({ text: 'a\\"b\\\\c', escaped: true, binary: false });
    expect(renderArg(new Uint8Array([0x41, 0x80, 0x00]))).toEqual({
      text: "A\\x80\\x00",
      escaped: true,
      binary: true,
    });
  });
});
