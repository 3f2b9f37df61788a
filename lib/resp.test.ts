import { describe, expect, it } from "vitest";
import { encodeCommand, parseReplies } from "./resp";

describe("encodeCommand", () => {
  it("writes an array of bulk strings, lengths in bytes", () => {
    expect(encodeCommand(["GET", "가"]).toString()).toBe("*2\r\n$3\r\nGET\r\n$3\r\n가\r\n");
  });
});

describe("parseReplies", () => {
  it("reads status, error, bulk and nil replies, and leaves a reply cut short for later", () => {
    const buf = Buffer.from("+OK\r\n-MOVED 15495 127.0.0.3:6379\r\n$4\r\n1111\r\n$-1\r\n$5\r\nab");
    const { replies, used } = parseReplies(buf);
    expect(replies).toEqual([
      { value: "OK" },
      { error: "MOVED 15495 127.0.0.3:6379" },
      { value: "1111" },
      { value: null },
    ]);
    expect(buf.subarray(used).toString()).toBe("$5\r\nab");
  });

  it("takes a bulk string with CRLF inside by its length, and waits for its final CRLF", () => {
    expect(parseReplies(Buffer.from("$4\r\na\r\nb\r\n")).replies).toEqual([{ value: "a\r\nb" }]);
    expect(parseReplies(Buffer.from("$4\r\na\r\nb")).replies).toEqual([]);
  });

  it("refuses a frame a GET never answers with", () => {
    expect(() => parseReplies(Buffer.from("*1\r\n$1\r\na\r\n"))).toThrow(/unexpected reply frame/);
  });
});
