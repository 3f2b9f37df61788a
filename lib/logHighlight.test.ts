import { describe, expect, it } from "vitest";
import { logHighlight } from "./logHighlight";

describe("logHighlight", () => {
  it.each([
    ["1:S 10 Mar 2024 04:15:05.953 * Marking node e64f0b9d () as failing (quorum reached).", "fail", "FAIL"],
    ["1:S 10 Mar 2024 04:15:05.953 # Cluster state changed: fail", "fail", "cluster fail"],
    ["1:S 10 Mar 2024 04:15:05.976 * Start of election delayed for 907 milliseconds", "warn", "election"],
    ["1:S 10 Mar 2024 04:15:06.993 * Failover election won: I'm the new master.", "recover", "promoted"],
    ["1:S 10 Mar 2024 04:15:06.993 * configEpoch set to 7 after successful failover", "recover", "epoch"],
    ["1:M 10 Mar 2024 04:15:06.993 * Cluster state changed: ok", "recover", "cluster ok"],
    ["1:M 10 Mar 2024 04:14:52.840 * No cluster configuration found, I'm 11439c6c", "warn", "new id"],
    ["1:S 10 Mar 2024 04:14:46.204 * Connection with master lost.", "warn", "master lost"],
    ["1:S 10 Mar 2024 04:15:05.953 * FAIL message received from d25d71a3 about e64f0b9d", "fail", "FAIL"],
  ])("%s", (line, tone, label) => {
    expect(logHighlight(line)).toEqual({ tone, label });
  });

  it("leaves ordinary lines alone", () => {
    expect(logHighlight("1:M 10 Mar 2024 04:14:52.844 * Server initialized")).toBeNull();
  });
});
