// A helper process of a bench (a tsx script in scripts/), asked over IPC: each question carries an id, each answer
// `{ id, ok, result | error }`. The viewers (clientFleet) and the CPU sampler (cpuShares) are two; their work must
// not count as the server's, which shares the bench's process.
import { type ChildProcess, spawn } from "node:child_process";
import { setPriority } from "node:os";
import path from "node:path";
import { onShutdownSync } from "./benchLab";

export interface ChildAnswer {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

export class BenchChild {
  readonly child: ChildProcess;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /** `nice`: its scheduling priority (os.setPriority), 0 as spawned; `what` names it when it exits early. */
  constructor(script: string, what: string, opts: { nice?: number } = {}) {
    this.child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(import.meta.dirname, script)],
      // Structured clone, not JSON: a figure with nothing to measure is NaN, which JSON would turn into null.
      { stdio: ["ignore", "inherit", "inherit", "ipc"], serialization: "advanced" },
    );
    const pid = this.child.pid;
    if (pid && opts.nice) setPriority(pid, opts.nice);
    onShutdownSync(() => {
      if (pid && this.child.exitCode === null) process.kill(pid, "SIGKILL");
    });
    this.child.on("message", (m: ChildAnswer) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(m.error));
    });
    this.child.on("exit", (code) => {
      for (const p of this.pending.values()) p.reject(new Error(`${what} exited (${code})`));
      this.pending.clear();
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  ask<T>(req: object): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, ...req });
    });
  }
}
