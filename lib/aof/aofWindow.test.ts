import { describe, expect, it } from "vitest";
import { aofTail } from "./aofWindow";
import { decodeAofFile } from "./decodeAof";

const enc = new TextEncoder();
const cmd = (...args: string[]) =>
  `*${args.length}\r\n${args.map((a) => `$${enc.encode(a).length}\r\n${a}\r\n`).join("")}`;
const texts = (data: Uint8Array) => {
  const d = decodeAofFile(data);
  return d.kind === "aof" ? d.commands.map((c) => c.args.map((a) => a.text).join(" ")) : [];
};

describe("aofTail", () => {
  it("keeps a file within the window whole, from byte 0", () => {
    const file = enc.encode(cmd("SELECT", "0") + cmd("set", "a", "3333"));
    const tail = aofTail(file, file.length, 1000);
    expect(tail.offset).toBe(0);
    expect(texts(tail.data)).toEqual(["SELECT 0", "set a 3333"]);
  });

  it("decodes a big file from the first whole command of its last window, saying at which byte", () => {
    const head = cmd("SELECT", "0");
    const body = Array.from({ length: 400 }, (_, i) => cmd("set", "a", String(1000 + i))).join("");
    const file = enc.encode(head + body);
    const tail = aofTail(file, file.length, 1000);
    expect(tail.offset).toBeGreaterThan(file.length - 1000);
    expect(tail.offset + tail.data.length).toBe(file.length);
    // The offset is a command's first byte in the whole file.
    expect(String.fromCharCode(file[tail.offset])).toBe("*");
    expect(String.fromCharCode(file[tail.offset - 1])).toBe("\n");
    const commands = texts(tail.data);
    expect(commands.at(-1)).toBe("set a 1399");
    expect(commands.every((c) => /^set a \d{4}$/.test(c))).toBe(true);
    expect(decodeAofFile(tail.data)).toMatchObject({ stop: null });
  });

  it("works the same on a tail already cut in the pod (tail -c), from the file's size", () => {
    const file = enc.encode(Array.from({ length: 300 }, (_, i) => cmd("set", "k", String(i))).join(""));
    const fromPod = file.subarray(file.length - 1000);
    const whole = aofTail(file, file.length, 1000);
    const cut = aofTail(fromPod, file.length, 1000);
    expect(cut.offset).toBe(whole.offset);
    expect(texts(cut.data)).toEqual(texts(whole.data));
  });

  it("does not start at a `*` inside a value", () => {
    const tricky = "x\n*1\r\n"; // a value that looks like a command line after its own line end
    const file = enc.encode(
      cmd("set", "pad", "p".repeat(50)) + cmd("set", "v", tricky) + cmd("set", "a", "1"),
    );
    const start = file.length - 30; // inside the tricky value
    const tail = aofTail(file, file.length, file.length - start);
    expect(texts(tail.data)).toEqual(["set a 1"]);
  });

  it("a window without any command boundary decodes nothing, at the end", () => {
    const file = enc.encode(cmd("set", "big", "z".repeat(5000)));
    const tail = aofTail(file, file.length, 1000);
    expect(tail.data.length).toBe(0);
    expect(tail.offset).toBe(file.length);
  });
});
