import { describe, expect, it } from "vitest";
import { cliArg, setCommand } from "./redisCli";

describe("setCommand", () => {
  it("is the seed's line for a plain value", () => {
    expect(setCommand("ds-redis-master", "a", "3333")).toBe("redis-cli -h ds-redis-master SET a 3333");
  });

  it("quotes what redis-cli would otherwise split or misread", () => {
    expect(cliArg("hello world")).toBe('"hello world"');
    expect(cliArg('say "hi"')).toBe('"say \\"hi\\""');
    expect(cliArg("")).toBe('""');
    expect(cliArg("line\nbreak")).toBe('"line\\nbreak"');
  });
});
