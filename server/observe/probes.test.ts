import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { fixtureLab, fixturePod } from "@/lib/testFixtures";
import type { Platform } from "../platform/types";
import { Store } from "../store";
import { PROBE_READ_TIMEOUT_MS, Probes } from "./probes";

// A tunnel that opens and then never carries an answer: what a slow API server's port-forward looks like to
// the probes. The fresh lane must neither pile connections up behind it nor keep any past a read's deadline.
describe("the fresh lane on a platform that bounds short-lived connections", () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("holds at most the bound open at once, and none once its reads are past their deadline", async () => {
    const sockets = new Set<net.Socket>();
    let peak = 0;
    const server = net.createServer((s) => {
      sockets.add(s);
      peak = Math.max(peak, sockets.size);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {});
      // Read and drop what the client sends (AUTH, GET): a socket nobody reads never sees the client's FIN.
      s.resume();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    cleanups.push(() => new Promise((r) => server.close(r)));
    const port = (server.address() as net.AddressInfo).port;
    const platform = {
      maxShortConnections: 2,
      password: "x",
      pods: () => [fixturePod("p-0", "10.9.0.1"), fixturePod("p-1", "10.9.0.2")],
      resolve: () => ({ host: "127.0.0.1", port }),
    } as unknown as Platform;
    const store = new Store(fixtureLab({ probeIntervalMs: 50 }));
    const samples: { outcome: string }[] = [];
    store.on("probes", (s) => samples.push(...s));
    const probes = new Probes(platform, store, ["a", "b", "c"], 50, ["fresh"]);
    probes.start();
    cleanups.push(() => probes.stop());

    await new Promise((r) => setTimeout(r, 3 * PROBE_READ_TIMEOUT_MS));
    probes.stop();
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(2);
    expect(probes.peakShortConnections).toBeLessThanOrEqual(2);
    // Every read failed as a timeout, none was left hanging without a sample.
    expect(samples.length).toBeGreaterThan(3 * 10);
    expect(samples.every((s) => s.outcome === "error")).toBe(true);
    await new Promise((r) => setTimeout(r, PROBE_READ_TIMEOUT_MS + 300));
    expect(sockets.size).toBe(0);
  }, 15_000);
});
