import { describe, expect, it } from "vitest";
import { cliErrorReply, cliQuote, cliReplyLines, isCliError } from "./cliReply";
import type { ProbeSample } from "./types";

const base: ProbeSample = {
  t: 0,
  key: "a",
  lane: "fresh",
  outcome: "ok",
  errorKind: null,
  value: "3333",
  latencyMs: 1,
};

describe("what redis-cli prints for a read", () => {
  it("says a refused connection as redis-cli does, naming the address dialled", () => {
    expect(cliErrorReply("connect ECONNREFUSED 127.0.0.1:40123", "10.42.2.79:6379")).toBe(
      "Could not connect to Redis at 10.42.2.79:6379: Connection refused",
    );
  });

  it("prefixes Redis's own error replies with (error)", () => {
    expect(cliErrorReply("CLUSTERDOWN The cluster is down", "x")).toBe(
      "(error) CLUSTERDOWN The cluster is down",
    );
    expect(cliErrorReply("MOVED 15495 10.42.2.77:6379", "x")).toBe("(error) MOVED 15495 10.42.2.77:6379");
  });

  it("has no words for a read that is still waiting, and names a dropped connection", () => {
    expect(cliErrorReply("Command timed out", "x")).toBeNull();
    expect(cliErrorReply("Connection is closed.", "x")).toBe("Error: Server closed the connection");
  });

  it("quotes values as redis-cli does on a terminal", () => {
    expect(cliQuote("3333")).toBe('"3333"');
    expect(cliQuote('a"b\\c\n')).toBe('"a\\"b\\\\c\\n"');
    expect(cliQuote("마")).toBe('"\\xeb\\xa7\\x88"');
  });

  it("prints the redirect redis-cli -c followed before the value", () => {
    expect(cliReplyLines({ ...base, via: "10.42.2.77:6379", redirected: true })).toEqual([
      "-> Redirected to slot [15495] located at 10.42.2.77:6379",
      '"3333"',
    ]);
    expect(cliReplyLines({ ...base, via: "10.42.2.77:6379", redirected: false })).toEqual(['"3333"']);
    expect(cliReplyLines({ ...base, outcome: "nil", value: null })).toEqual(["(nil)"]);
  });

  it("shows an error's redis-cli words, and nothing for a client's own message", () => {
    const refused = "Could not connect to Redis at 10.42.2.79:6379: Connection refused";
    expect(isCliError(refused)).toBe(true);
    expect(cliReplyLines({ ...base, outcome: "error", errorKind: "refused", value: refused })).toEqual([
      refused,
    ]);
    expect(
      cliReplyLines({ ...base, outcome: "error", errorKind: "timeout", value: "Command timed out" }),
    ).toEqual([]);
  });
});
