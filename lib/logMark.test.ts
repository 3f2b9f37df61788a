import { describe, expect, it } from "vitest";
import { classifyLogMessage, logMark, parseRedisLogLine } from "./redisLog";

const mark = (line: string) => logMark(classifyLogMessage(parseRedisLogLine(line)!.message));

describe("logMark", () => {
  it.each([
    [
      "1:S 10 Mar 2024 04:15:05.953 * Marking node e64f0b9d8ca9b97ebe0ef4982542bd592cd5ee07 () as failing (quorum reached).",
      "fail",
      "node-fail",
    ],
    ["1:S 10 Mar 2024 04:15:05.953 # Cluster state changed: fail", "fail", "cluster-fail"],
    [
      "1:S 10 Mar 2024 04:15:05.976 * Start of election delayed for 907 milliseconds (rank #0, offset 1234).",
      "warn",
      "failover-election",
    ],
    [
      "1:S 10 Mar 2024 04:15:06.993 * Failover election won: I'm the new master.",
      "recover",
      "replica-promoted",
    ],
    [
      "1:S 10 Mar 2024 04:15:06.993 * configEpoch set to 7 after successful failover",
      "recover",
      "replica-promoted",
    ],
    ["1:M 10 Mar 2024 04:15:06.993 * Cluster state changed: ok", "recover", "cluster-ok"],
    [
      "1:M 10 Mar 2024 04:14:52.840 * No cluster configuration found, I'm 11439c6cb119c655887813742cb13eb8be4d3ab0",
      "warn",
      "no-config",
    ],
    ["1:S 10 Mar 2024 04:14:46.204 * Connection with master lost.", "warn", "master-lost"],
  ])("%s", (line, tone, tag) => {
    expect(mark(line)).toEqual({ tone, tag });
  });

  it("leaves ordinary lines alone", () => {
    expect(mark("1:M 10 Mar 2024 04:14:52.844 * Server initialized")).toBeNull();
  });
});
