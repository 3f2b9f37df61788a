import { describe, expect, it } from "vitest";
import { electionWonAt, readsOkAgain, redisCliFailed } from "./recoveryMoments";

describe("electionWonAt", () => {
  it("reads Redis's millisecond stamp of the election it won", () => {
    expect(electionWonAt("1:S 10 Mar 2024 04:15:05.953 * Failover election won: I'm the new master.")).toBe(
      Date.UTC(2024, 2, 10, 4, 15, 5, 953),
    );
  });
  it("ignores the other lines of a failover", () => {
    expect(
      electionWonAt("1:S 10 Mar 2024 04:15:05.800 * Starting a failover election for epoch 7."),
    ).toBeNull();
    expect(electionWonAt("Failover election won: I'm the new master.")).toBeNull();
  });
});

describe("readsOkAgain", () => {
  it("is ok again once every lane's newest read is good, not when the first one is", () => {
    const r = readsOkAgain([
      { lane: "cluster", failing: true, t: 10 },
      { lane: "fresh", failing: true, t: 12 },
      { lane: "fresh", failing: false, t: 50 },
      { lane: "cluster", failing: false, t: 80 },
    ]);
    expect(r).toEqual({ failedAt: 10, okAt: 80 });
  });
  it("has no recovery without a failure, nor while a lane still fails", () => {
    expect(readsOkAgain([{ lane: "fresh", failing: false, t: 5 }])).toEqual({ failedAt: null, okAt: null });
    expect(
      readsOkAgain([
        { lane: "cluster", failing: true, t: 10 },
        { lane: "fresh", failing: true, t: 12 },
        { lane: "cluster", failing: false, t: 50 },
      ]),
    ).toEqual({ failedAt: 10, okAt: null });
  });
});

describe("redisCliFailed", () => {
  it("counts a value and a nil as answers", () => {
    expect(redisCliFailed({ code: 0, stdout: "3333\n", stderr: "" })).toBe(false);
    expect(redisCliFailed({ code: 0, stdout: "\n", stderr: "" })).toBe(false);
    expect(
      redisCliFailed({ code: 0, stdout: '"3333"\n', stderr: "Warning: Using a password with '-a' …\n" }),
    ).toBe(false);
  });
  it("counts refused connections and error replies as failures, with or without a terminal", () => {
    expect(
      redisCliFailed({
        code: 1,
        stdout: "",
        stderr: "Could not connect to Redis at 127.0.0.9:6379: Connection refused\n",
      }),
    ).toBe(true);
    expect(redisCliFailed({ code: 0, stdout: "CLUSTERDOWN The cluster is down\n", stderr: "" })).toBe(true);
    expect(redisCliFailed({ code: 0, stdout: "(error) CLUSTERDOWN The cluster is down\n", stderr: "" })).toBe(
      true,
    );
    expect(redisCliFailed({ code: null, stdout: "", stderr: "" })).toBe(true);
  });
});
