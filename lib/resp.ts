// The few RESP2 frames a probe read needs, so it can send AUTH and GET in one write: a client library waits
// for its handshake's reply (HELLO/AUTH) before it sends a command, one more round trip per connection, and
// the fresh lane makes one or two connections per read, 15 or more a second (server/redis/pipelinedRead.ts).
// Pure.

/** A command as RESP: an array of bulk strings. */
export function encodeCommand(args: readonly string[]): Buffer {
  const parts = [`*${args.length}\r\n`];
  for (const a of args) parts.push(`$${Buffer.byteLength(a)}\r\n${a}\r\n`);
  return Buffer.from(parts.join(""));
}

/** A reply: a status or an integer as text, a bulk string, nil, or an error reply (its message). */
export type Reply = { error: string } | { value: string | null };

/**
 * The complete replies at the start of `buf` and how many bytes they took; a reply cut short waits for more.
 * Arrays are not parsed: no command sent here answers with one, and an unexpected frame is an error.
 */
export function parseReplies(buf: Buffer): { replies: Reply[]; used: number } {
  const replies: Reply[] = [];
  let at = 0;
  for (;;) {
    const eol = buf.indexOf("\r\n", at);
    if (eol < 0) break;
    const kind = String.fromCharCode(buf[at]);
    const line = buf.toString("utf8", at + 1, eol);
    if (kind === "+" || kind === ":") {
      replies.push({ value: line });
      at = eol + 2;
    } else if (kind === "-") {
      replies.push({ error: line });
      at = eol + 2;
    } else if (kind === "$") {
      const n = Number(line);
      if (n < 0) {
        replies.push({ value: null });
        at = eol + 2;
        continue;
      }
      if (buf.length < eol + 2 + n + 2) break;
      replies.push({ value: buf.toString("utf8", eol + 2, eol + 2 + n) });
      at = eol + 2 + n + 2;
    } else {
      throw new Error(`unexpected reply frame ${JSON.stringify(kind)}`);
    }
  }
  return { replies, used: at };
}
