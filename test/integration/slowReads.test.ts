import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keySlot } from "@/lib/slots";
import { PROBE_READ_TIMEOUT_MS } from "@/server/observe/probes";
import { NODE_TIMEOUT_MS, pidOf, startLab, type TestLab, waitFor } from "./harness";

// A master that stalls for a moment (a loaded machine, a fork) answers late, not never: well under both the
// read timeout and the node timeout, so no read may count as failed and no failover may start.
const MAX_STALL_MS = Math.min(400, PROBE_READ_TIMEOUT_MS / 2, NODE_TIMEOUT_MS / 4);

/**
 * The stall, sized from what a read costs on this machine now: a read that starts during the stall waits for
 * it and then still needs its own time, so the stall plus the slowest recent read must stay inside the timeout
 * with room to spare (on a machine loaded far past two busy loops a read alone takes most of a second).
 */
function stallFor(recentLatenciesMs: number[]): number {
  const slowest = Math.max(0, ...recentLatenciesMs);
  return Math.max(0, Math.min(MAX_STALL_MS, (PROBE_READ_TIMEOUT_MS - 2 * slowest) / 2));
}

let lab: TestLab;

beforeAll(async () => {
  lab = await startLab("127.43.17");
}, 60_000);

afterAll(async () => {
  await lab?.close();
});

describe("probes on a slow but healthy cluster", () => {
  it("a read that answers late is slow, not down, and reads still start every interval", async () => {
    await waitFor(
      "reads of b ok",
      () => lab.store.latestSamples().some((s) => s.key === "b" && s.outcome === "ok"),
      10_000,
    );
    const master = lab.masterOf(keySlot("b"))!;
    const pid = pidOf(lab, master.pod!);
    const recent = lab.store.samplesSince(Date.now() - 3000).filter((s) => s.key === "b");
    const STALL_MS = stallFor(recent.map((s) => s.latencyMs));
    expect(
      STALL_MS,
      `reads of b already take ${Math.max(...recent.map((s) => s.latencyMs))} ms`,
    ).toBeGreaterThan(50);
    const from = Date.now();
    process.kill(pid, "SIGSTOP");
    await new Promise((r) => setTimeout(r, STALL_MS));
    process.kill(pid, "SIGCONT");
    const until = Date.now();
    // Every read started during the stall has answered (or timed out) once the read timeout has passed.
    await new Promise((r) => setTimeout(r, PROBE_READ_TIMEOUT_MS + 500));

    const during = lab.store.samplesSince(from).filter((s) => s.key === "b" && s.t <= until);
    expect(during.length, "reads kept starting while the master stalled").toBeGreaterThan(0);
    expect(during.filter((s) => s.outcome === "error")).toEqual([]);
    // Answered late: the stall shows as latency.
    expect(Math.max(...during.map((s) => s.latencyMs))).toBeGreaterThan(STALL_MS / 2);
    // Ticks reach the store in the order they started, so each lane's samples are in time order.
    for (const lane of ["cluster", "fresh"]) {
      const ts = lab.store
        .samplesSince(from)
        .filter((s) => s.key === "b" && s.lane === lane)
        .map((s) => s.t);
      expect(ts).toEqual([...ts].sort((a, b) => a - b));
    }
  });
});
