import net from "node:net";
import { encodeCommand, parseReplies, type Reply } from "@/lib/resp";
import type { RedisAddress } from "../platform/types";

/**
 * `GET key` on a connection of its own, AUTH and GET in one write: two event-loop turns on the server (connect,
 * the replies) where a client library takes three, since it waits for its handshake (HELLO AUTH) before the
 * command. The probes' short-lived reads (the fresh lane, one or two connections per read) wait behind
 * everything else the server's loop does while a failover is fanned out to a room, so a turn is 10-50 ms then
 * (bench:latency). Fails as a client library does, with the reply's message (MOVED …, CLUSTERDOWN …, NOAUTH …)
 * or the socket's (connect ECONNREFUSED …), which the probes classify and show as redis-cli would
 * (lib/probeErrors.ts, lib/cliReply.ts). Nothing is left open after it settles or after `timeoutMs`; `onClosed`
 * is told when the connection is gone, which may be just after the answer.
 */
export function pipelinedGet(
  addr: RedisAddress,
  password: string,
  key: string,
  timeoutMs: number,
  onClosed: () => void = () => {},
): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: addr.host, port: addr.port });
    socket.setNoDelay(true);
    let connected = false;
    let settled = false;
    let pending: Buffer = Buffer.alloc(0);
    const replies: Reply[] = [];
    const expected = password ? 2 : 1;
    const settle = (err: Error | null, value: string | null = null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(value);
      // Closed, and the loop has gone round once more so the other end has had its turn to see it: where a
      // connection is a tunnel (port-forward), the caller's bound on open connections counts it until then.
      const closed = () => setImmediate(onClosed);
      if (socket.closed) return closed();
      socket.once("close", closed);
      socket.destroy();
    };
    const timer = setTimeout(
      () => settle(new Error(connected ? "Command timed out" : "connect ETIMEDOUT")),
      timeoutMs,
    );
    socket.on("connect", () => {
      connected = true;
      const get = encodeCommand(["GET", key]);
      socket.write(password ? Buffer.concat([encodeCommand(["AUTH", password]), get]) : get);
    });
    socket.on("data", (chunk: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      try {
        const parsed = parseReplies(pending);
        replies.push(...parsed.replies);
        pending = pending.subarray(parsed.used);
      } catch (err) {
        return settle(err as Error);
      }
      if (replies.length < expected) return;
      // A refused AUTH says why the GET failed (NOAUTH) better than the GET's own reply.
      const failed = replies.find((r): r is { error: string } => "error" in r);
      if (failed) return settle(new Error(failed.error));
      settle(null, (replies[expected - 1] as { value: string | null }).value);
    });
    socket.on("error", (err) => settle(err));
    socket.on("close", () => settle(new Error("Connection is closed.")));
  });
}
