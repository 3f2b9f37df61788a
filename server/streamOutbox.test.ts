import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Server } from "socket.io";
import { CAN_WAIT_MS, STREAMS_COALESCE_MS, StreamOutbox } from "./streamOutbox";

/** socket.io's broadcast as far as the outbox uses it: every message it sent, as the stream names in it. */
function fakeIo() {
  const sent: string[][] = [];
  const to = { emit: (_ev: string, list: [string, unknown][]) => sent.push(list.map(([name]) => name)) };
  const io = { except: () => to, to: () => to, sockets: { sockets: new Map() } } as unknown as Server;
  return { io, sent };
}

const item = (name: string, waitMs?: number) =>
  ({ name, wire: () => name, volatile: false, collapses: name === "labState", waitMs }) as never;

describe("StreamOutbox", () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance", "Date"] }));
  afterEach(() => vi.useRealTimers());

  it("sends what is published within a few milliseconds as one message", async () => {
    const { io, sent } = fakeIo();
    const outbox = new StreamOutbox(io);
    outbox.push(item("events"));
    await vi.advanceTimersByTimeAsync(STREAMS_COALESCE_MS - 2);
    outbox.push(item("labState"));
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(2);
    expect(sent).toEqual([["events", "labState"]]);
  });

  it("holds a change that may wait, and sends it with the first that may not", async () => {
    const { io, sent } = fakeIo();
    const outbox = new StreamOutbox(io);
    outbox.push(item("labState", CAN_WAIT_MS));
    await vi.advanceTimersByTimeAsync(CAN_WAIT_MS / 2);
    expect(sent).toEqual([]);
    // The promotion: the same collapsing stream, now urgent, goes once with what waited.
    outbox.push(item("labState"));
    outbox.push(item("events"));
    await vi.advanceTimersByTimeAsync(STREAMS_COALESCE_MS);
    expect(sent).toEqual([["labState", "events"]]);
    await vi.advanceTimersByTimeAsync(CAN_WAIT_MS);
    expect(sent).toHaveLength(1);
  });

  it("sends a change that may wait by itself once its wait is over, not later", async () => {
    const { io, sent } = fakeIo();
    const outbox = new StreamOutbox(io);
    outbox.push(item("labState", CAN_WAIT_MS));
    // A later one that may wait does not push the first one's time back.
    await vi.advanceTimersByTimeAsync(CAN_WAIT_MS - 10);
    outbox.push(item("labState", CAN_WAIT_MS));
    await vi.advanceTimersByTimeAsync(9);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([["labState"]]);
  });
});
