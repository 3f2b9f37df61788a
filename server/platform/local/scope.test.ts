import { describe, expect, it } from "vitest";
import { localScope } from "./scope";

describe("localScope", () => {
  it("names a data dir under the working directory relative to it", () => {
    expect(localScope("/home/teacher/lab/.data", "/home/teacher/lab")).toBe("local:.data");
    expect(localScope("/home/teacher/lab/.data/e2e", "/home/teacher/lab")).toBe("local:.data/e2e");
  });

  it("names a data dir elsewhere by its last component only", () => {
    expect(localScope("/tmp/failover-lab-x1", "/home/teacher/lab")).toBe("local:failover-lab-x1");
    expect(localScope("/home/teacher/data", "/home/teacher/lab")).toBe("local:data");
  });

  it("never shows the absolute path", () => {
    for (const dir of ["/srv/a/b", "/home/teacher/lab", "/home/teacher/lab/x"]) {
      expect(localScope(dir, "/home/teacher/lab")).not.toContain("/home");
      expect(localScope(dir, "/home/teacher/lab")).not.toContain("/srv");
    }
  });
});
