import { describe, expect, it, vi } from "vitest";
import { fixtureLab } from "@/lib/testFixtures";
import type { PodState } from "@/lib/types";
import type { Platform } from "../platform/types";
import { Store } from "../store";
import { LogTail } from "./logTail";

const lab = fixtureLab({
  platform: "kubernetes",
  scope: "redis-cluster/ds-redis",
  keys: ["a"],
  lanes: ["cluster"],
});

describe("LogTail", () => {
  it("follows pods that the platform lists only after it started (a kubernetes informer's first list)", () => {
    vi.useFakeTimers();
    let notify: (pods: PodState[]) => void = () => {};
    const lines = new Map<string, (line: string) => void>();
    const platform = {
      pods: () => [],
      onPods: (l: (pods: PodState[]) => void) => ((notify = l), () => {}),
      followLog: (name: string, onLine: (line: string) => void) => (lines.set(name, onLine), () => {}),
    } as unknown as Platform;
    const store = new Store(lab);
    const tail = new LogTail(platform, store);
    tail.start();
    expect(lines.size).toBe(0);

    const pod = { name: "ds-redis-redis-cluster-3" } as PodState;
    notify([pod]);
    notify([pod]);
    expect([...lines.keys()]).toEqual(["ds-redis-redis-cluster-3"]);

    lines.get("ds-redis-redis-cluster-3")!(
      "1:S 10 Mar 2024 04:15:06.993 * Failover election won: I'm the new master.",
    );
    vi.advanceTimersByTime(200);
    const snapshot = store.snapshot();
    expect(snapshot.logs.map((l) => l.pod)).toEqual(["ds-redis-redis-cluster-3"]);
    expect(snapshot.events[0]).toMatchObject({
      kind: "log",
      t: Date.UTC(2024, 2, 10, 4, 15, 6, 993),
      params: { pod: "ds-redis-redis-cluster-3", logKind: "replica-promoted" },
    });
    expect(snapshot.logs[0].redis).toMatchObject({
      roleChar: "S",
      time: "04:15:06.993",
      mark: { tone: "recover", tag: "replica-promoted" },
    });
    tail.stop();
    vi.useRealTimers();
  });

  it("cues the observers at a marked line at once, and publishes the lines with the next batch", () => {
    vi.useFakeTimers();
    const lines = new Map<string, (line: string) => void>();
    const platform = {
      pods: () => [{ name: "p" } as PodState],
      onPods: () => () => {},
      followLog: (name: string, onLine: (line: string) => void) => (lines.set(name, onLine), () => {}),
    } as unknown as Platform;
    const store = new Store(lab);
    const published: string[][] = [];
    const cues: string[] = [];
    store.on("logs", (ls) => published.push(ls.map((l) => l.redis?.message ?? l.line)));
    store.on("cue", (pod) => cues.push(pod));
    const tail = new LogTail(platform, store);
    tail.start();
    const say = lines.get("p")!;
    say("1:S 10 Mar 2024 04:15:05.000 * Connecting to MASTER 10.0.0.1:6379");
    expect(cues).toEqual([]);
    say("1:S 10 Mar 2024 04:15:06.993 * Failover election won: I'm the new master.");
    expect(cues).toEqual(["p"]);
    expect(published).toEqual([]);
    vi.advanceTimersByTime(200);
    expect(published).toEqual([
      ["Connecting to MASTER 10.0.0.1:6379", "Failover election won: I'm the new master."],
    ]);
    tail.stop();
    vi.useRealTimers();
  });
});
