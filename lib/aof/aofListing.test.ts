import { describe, expect, it } from "vitest";
import { isAofFileName, isMissingDir, parseLsListing } from "./aofListing";

describe("parseLsListing", () => {
  it("reads names and sizes of the regular files of a GNU ls -l of appendonlydir/", () => {
    const out = [
      "total 12",
      "-rw-r--r-- 1 1001 root   88 Dec  1 23:40 appendonly.aof.1.base.rdb",
      "-rw-r--r-- 1 1001 root  127 Dec  1 23:41 appendonly.aof.1.incr.aof",
      "-rw-r--r-- 1 1001 root   88 Dec  1 23:40 appendonly.aof.manifest",
      "drwxr-xr-x 2 1001 root 4096 Dec  1 23:40 sub",
      "",
    ].join("\n");
    expect(parseLsListing(out)).toEqual([
      { name: "appendonly.aof.1.base.rdb", bytes: 88 },
      { name: "appendonly.aof.1.incr.aof", bytes: 127 },
      { name: "appendonly.aof.manifest", bytes: 88 },
    ]);
  });

  it("takes busybox's year-dated lines and skips a name the read command would refuse", () => {
    const out = [
      "-rw-r--r--    1 redis    redis       70000 Jan  3  2026 appendonly.aof.2.incr.aof",
      "-rw-r--r--    1 redis    redis          10 Jan  3  2026 .hidden",
      "lrwxrwxrwx    1 redis    redis          10 Jan  3  2026 link -> /etc/passwd",
    ].join("\n");
    expect(parseLsListing(out)).toEqual([{ name: "appendonly.aof.2.incr.aof", bytes: 70000 }]);
  });
});

describe("isAofFileName", () => {
  it("allows Redis's names and refuses paths", () => {
    expect(isAofFileName("appendonly.aof.1.incr.aof")).toBe(true);
    expect(isAofFileName("temp-rewriteaof-bg-42.aof")).toBe(true);
    for (const bad of ["..", "../x", "a/b", ".x", "", "a b", "a;rm"]) expect(isAofFileName(bad)).toBe(false);
  });
});

describe("isMissingDir", () => {
  it("recognises ls's words for a dir that is gone", () => {
    expect(isMissingDir("ls: cannot access '/data/appendonlydir': No such file or directory\n")).toBe(true);
    expect(isMissingDir("ls: cannot open directory '/data/appendonlydir': Permission denied")).toBe(false);
  });
});
