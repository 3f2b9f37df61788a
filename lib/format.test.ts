import { describe, expect, it } from "vitest";
import { clockTime, formatDuration, kubectlAge } from "./format";

describe("kubectlAge", () => {
  it.each([
    [0, "0s"],
    [-500, "0s"],
    [15_000, "15s"],
    [119_999, "119s"],
    [120_000, "2m"],
    [182_000, "3m2s"],
    [20 * 60_000 + 5000, "20m"],
    [179 * 60_000, "179m"],
    [5 * 3600_000 + 3 * 60_000, "5h3m"],
    [21 * 3600_000, "21h"],
    [3 * 86400_000, "3d"],
    [3 * 86400_000 + 4 * 3600_000, "3d4h"],
    [30 * 86400_000, "30d"],
  ])("%i ms -> %s", (ms, want) => {
    expect(kubectlAge(ms)).toBe(want);
  });
  it("flags clocks far in the future", () => {
    expect(kubectlAge(-5000)).toBe("<invalid>");
  });
});

describe("clockTime", () => {
  it("prints HH:MM:SS.mmm", () => {
    const t = new Date(2024, 2, 10, 4, 15, 5, 953).getTime();
    expect(clockTime(t)).toBe("04:15:05.953");
    expect(clockTime(t, false)).toBe("04:15:05");
  });
});

describe("formatDuration", () => {
  it.each([
    [null, "—"],
    [850.4, "850 ms"],
    [4620, "4.6 s"],
    [125_000, "2 m 05 s"],
  ])("%s -> %s", (ms, want) => {
    expect(formatDuration(ms)).toBe(want);
  });
});

describe("formatDuration in Korean", () => {
  it("writes the units as Korean text does", () => {
    expect(formatDuration(850, "ko")).toBe("850ms");
    expect(formatDuration(4600, "ko")).toBe("4.6초");
    expect(formatDuration(125_000, "ko")).toBe("2분 05초");
    expect(formatDuration(null, "ko")).toBe("—");
  });
});
