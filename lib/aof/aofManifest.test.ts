import { describe, expect, it } from "vitest";
import { parseAofManifest } from "./aofManifest";

describe("parseAofManifest", () => {
  it("parses the manifest redis-server 7.0 writes", () => {
    const text = "file appendonly.aof.1.base.rdb seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n";
    expect(parseAofManifest(text)).toEqual({
      entries: [
        { file: "appendonly.aof.1.base.rdb", seq: 1, type: "base" },
        { file: "appendonly.aof.1.incr.aof", seq: 1, type: "incr" },
      ],
      badLines: [],
    });
  });

  it("reads history entries, fields in any order, and quoted names", () => {
    const text = [
      "file appendonly.aof.1.base.rdb seq 1 type h",
      "type b seq 2 file appendonly.aof.2.base.rdb",
      'file "my aof\\x21.3.incr.aof" seq 3 type i',
      "# comment",
      "",
    ].join("\n");
    expect(parseAofManifest(text).entries).toEqual([
      { file: "appendonly.aof.1.base.rdb", seq: 1, type: "history" },
      { file: "appendonly.aof.2.base.rdb", seq: 2, type: "base" },
      { file: "my aof!.3.incr.aof", seq: 3, type: "incr" },
    ]);
  });

  it("lists lines it cannot read instead of throwing", () => {
    const text =
      'file a seq 1 type i\nfile b seq x type i\nfile c seq 2 type z\nfile "open seq 3 type i\nfile d seq\n';
    expect(parseAofManifest(text)).toEqual({
      entries: [{ file: "a", seq: 1, type: "incr" }],
      badLines: [2, 3, 4, 5],
    });
  });
});
