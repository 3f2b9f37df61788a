import { describe, expect, it } from "vitest";
import { type DataDirLock, lockIsHeld, parseLock, startTicksFromStat } from "./dataDirLock";

const lock: DataDirLock = { pid: 4242, startTicks: 987654, cmdline: "node tsx server/main.ts", startedAt: 1 };

describe("lockIsHeld", () => {
  it("holds while the same process runs", () => {
    expect(lockIsHeld(lock, { startTicks: 987654, cmdline: "node tsx server/main.ts" })).toBe(true);
  });
  it("is stale when the pid is gone", () => {
    expect(lockIsHeld(lock, null)).toBe(false);
  });
  it("is stale when the pid was reused by a later process", () => {
    expect(lockIsHeld(lock, { startTicks: 1_000_100, cmdline: "node tsx server/main.ts" })).toBe(false);
  });
  it("falls back to the command line when a start time is unknown", () => {
    const noTicks = { ...lock, startTicks: null };
    expect(lockIsHeld(noTicks, { startTicks: 5, cmdline: "node tsx server/main.ts" })).toBe(true);
    expect(lockIsHeld(noTicks, { startTicks: 5, cmdline: "bash" })).toBe(false);
  });
  it("is stale when the lock file is unreadable", () => {
    expect(lockIsHeld(parseLock('{"pid": 42'), { startTicks: 1, cmdline: "" })).toBe(false);
    expect(parseLock('{"pid": -3}')).toBeNull();
  });
});

describe("startTicksFromStat", () => {
  it("reads field 22 even when the command name holds spaces and parentheses", () => {
    const rest = Array.from({ length: 50 }, (_, i) => String(i + 3));
    rest[22 - 3] = "123456";
    expect(startTicksFromStat(`77 (weird ) name) ${rest.join(" ")}`)).toBe(123456);
  });
});
