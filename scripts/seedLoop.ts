import { type ChildProcess, spawn } from "node:child_process";
import { type CliRun, redisCliFailed } from "@/lib/recoveryMoments";
import { now, onShutdownSync, sleep } from "./benchLab";

export interface LoopRead {
  startedAt: number;
  /** When redis-cli exited, having printed its one line. */
  repliedAt: number;
  failed: boolean;
  output: string;
}

/** A redis-cli that hangs (a half-open connection) is stopped, as a person would press Ctrl-C. */
const CLI_GIVE_UP_MS = 5000;

/**
 * The seed's `while true; do redis-cli -c get a; sleep 1; done`, for real: one `redis-cli -c -h <ip> -a <pw>
 * get a` child process at a time, a 1 s sleep after each. `-h` is a ready pod's IP picked per read, as the
 * seed's `-h ds-redis-redis-cluster` reaches one through the Service.
 */
export class SeedLoop {
  readonly reads: LoopRead[] = [];
  private stopped = false;
  private child: ChildProcess | null = null;
  private done: Promise<void> = Promise.resolve();

  constructor(
    private readonly pickIp: () => string | null,
    private readonly password: string,
    private readonly key: string,
  ) {
    onShutdownSync(() => this.child?.kill("SIGKILL"));
  }

  start(): void {
    this.stopped = false;
    this.done = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.child?.kill("SIGKILL");
    await this.done;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const ip = this.pickIp();
      if (ip) this.reads.push(await this.read(ip));
      if (!this.stopped) await sleep(1000);
    }
  }

  private read(ip: string): Promise<LoopRead> {
    const startedAt = now();
    return new Promise((resolve) => {
      const child = spawn("redis-cli", ["-c", "-h", ip, "-a", this.password, "get", this.key]);
      this.child = child;
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => child.kill("SIGKILL"), CLI_GIVE_UP_MS);
      child.on("close", (code) => {
        clearTimeout(timer);
        this.child = null;
        const run: CliRun = { code, stdout, stderr };
        const output = (stdout.trim() || stderr.replace(/^Warning:.*\n?/m, "").trim()).slice(0, 120);
        resolve({ startedAt, repliedAt: now(), failed: redisCliFailed(run), output });
      });
    });
  }
}
