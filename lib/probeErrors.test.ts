import { describe, expect, it } from "vitest";
import { classifyRedisError } from "./probeErrors";

describe("classifyRedisError", () => {
  it.each([
    ["CLUSTERDOWN The cluster is down", "CLUSTERDOWN"],
    ["MOVED 15495 10.42.2.77:6379", "MOVED"],
    ["Too many Cluster redirections. Last error: Error: connect ECONNREFUSED", "MOVED"],
    ["TRYAGAIN Multiple keys request during rehashing of slot", "TRYAGAIN"],
    ["connect ECONNREFUSED 127.42.2.78:6379", "refused"],
    ["Command timed out", "timeout"],
    ["WRONGPASS invalid username-password pair or user is disabled.", "auth"],
    ["Connection is closed.", "closed"],
    ["Stream isn't writeable and enableOfflineQueue options is false", "closed"],
    ["ERR something unexpected", "other"],
  ])("%s -> %s", (message, kind) => {
    expect(classifyRedisError(message)).toBe(kind);
  });
});
