import { describe, expect, it } from "vitest";
import { parseConfig } from "./config";

describe("parseConfig: PUBLIC_URL", () => {
  it("is null unless set, and taken from the env or --public-url", () => {
    expect(parseConfig({}).publicUrl).toBeNull();
    expect(parseConfig({ PUBLIC_URL: "http://203.0.113.7:32080" }).publicUrl).toBe(
      "http://203.0.113.7:32080",
    );
    expect(parseConfig({}, ["--public-url", "https://lab.example.org/failover/"]).publicUrl).toBe(
      "https://lab.example.org/failover/",
    );
  });

  it("refuses what a phone could not open as the join address, or one with a query (a token could ride in it)", () => {
    for (const bad of [
      "lab.example.org",
      "ftp://lab.example.org/",
      "http://lab.example.org/?token=x",
      "http://a/#b",
    ]) {
      expect(() => parseConfig({ PUBLIC_URL: bad }), bad).toThrow(/PUBLIC_URL/);
    }
  });
});
