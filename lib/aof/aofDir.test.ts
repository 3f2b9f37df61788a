import { describe, expect, it } from "vitest";
import { describeAofDir } from "./aofDir";

// The empty base redis-server 7.0.15 writes at start with `appendonly yes` (aof-use-rdb-preamble).
const BASE_RDB = Buffer.from(
  "524544495330303130fa0972656469732d76657206372e302e3135fa0a72656469732d62697473c040fa056374696d65c255320f6bfa08757365642d6d656dc250610d00fa08616f662d62617365c001ff504d120278e4414f",
  "hex",
);
const INCR = Buffer.from("*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nset\r\n$1\r\na\r\n$4\r\n3333\r\n");
const file = (name: string, data: Buffer | string) => ({
  name,
  data: typeof data === "string" ? Buffer.from(data) : data,
});

describe("describeAofDir", () => {
  it("lists the manifest's files in replay order, each decoded by its kind", () => {
    const view = describeAofDir([
      file("appendonly.aof.2.incr.aof", INCR),
      file(
        "appendonly.aof.manifest",
        "file appendonly.aof.1.base.rdb seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\nfile appendonly.aof.2.incr.aof seq 2 type i\n",
      ),
      file("appendonly.aof.1.incr.aof", ""),
      file("appendonly.aof.1.base.rdb", BASE_RDB),
    ]);
    expect(view.manifestName).toBe("appendonly.aof.manifest");
    expect(view.files.map((f) => [f.name, f.type, f.seq, f.bytes])).toEqual([
      ["appendonly.aof.1.base.rdb", "base", 1, 89],
      ["appendonly.aof.1.incr.aof", "incr", 1, 0],
      ["appendonly.aof.2.incr.aof", "incr", 2, INCR.length],
    ]);
    expect(view.files[0].decoded).toEqual({ kind: "rdb-preamble", bytes: 89 });
    const incr = view.files[2].decoded;
    expect(incr?.kind === "aof" && incr.commands.map((c) => c.args.map((a) => a.text).join(" "))).toEqual([
      "SELECT 0",
      "set a 3333",
    ]);
    expect(view.missing).toEqual([]);
  });

  it("shows files the manifest does not name, and names it lists that are gone", () => {
    const view = describeAofDir([
      file(
        "appendonly.aof.manifest",
        "file appendonly.aof.1.base.rdb seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n",
      ),
      file("appendonly.aof.1.incr.aof", INCR),
      file("temp-rewriteaof-bg-22781.aof", "x"),
    ]);
    expect(view.files.map((f) => [f.name, f.type])).toEqual([
      ["appendonly.aof.1.incr.aof", "incr"],
      ["temp-rewriteaof-bg-22781.aof", null],
    ]);
    expect(view.missing).toEqual(["appendonly.aof.1.base.rdb"]);
  });

  it("says there is no manifest when AOF is off", () => {
    expect(describeAofDir([])).toEqual({ manifest: null, manifestName: null, files: [], missing: [] });
  });
});
