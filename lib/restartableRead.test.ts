import { describe, expect, it } from "vitest";
import { restartableRead } from "./restartableRead";

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("restartableRead", () => {
  it("settles with the first attempt when nobody restarts it", async () => {
    const read = restartableRead(() => Promise.resolve("1"));
    await expect(read.promise).resolves.toBe("1");
    expect(read.settled).toBe(true);
    expect(read.restart()).toBe(false);
    expect(read.attempts).toBe(1);
  });

  it("after a restart, the replaced attempt's answer no longer counts, even when it comes first", async () => {
    const first = deferred<string>();
    const second = deferred<string>();
    const attempts = [first, second];
    const read = restartableRead(() => attempts.shift()!.promise);
    expect(read.restart()).toBe(true);
    first.resolve("stale");
    await Promise.resolve();
    expect(read.settled).toBe(false);
    second.resolve("fresh");
    await expect(read.promise).resolves.toBe("fresh");
    expect(read.attempts).toBe(2);
  });

  it("gives the newest attempt's error as it is: a restart does not turn a failure into an answer", async () => {
    const first = deferred<string>();
    const second = deferred<string>();
    const attempts = [first, second];
    const read = restartableRead(() => attempts.shift()!.promise);
    read.restart();
    second.reject(new Error("CLUSTERDOWN The cluster is down"));
    first.resolve("late");
    await expect(read.promise).rejects.toThrow("CLUSTERDOWN");
  });

  it("an attempt that throws at once is a failed attempt", async () => {
    const read = restartableRead<string>(() => {
      throw new Error("Connection is closed.");
    });
    await expect(read.promise).rejects.toThrow("Connection is closed.");
  });
});
