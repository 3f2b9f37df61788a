import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { type CliRun, redisCliFailed } from "@/lib/recoveryMoments";
import { onShutdownSync, sleep } from "./benchLab";

export interface LoopRead {
  startedAt: number;
  /** When redis-cli exited, having printed its one line. */
  repliedAt: number;
  failed: boolean;
  output: string;
}

/** A redis-cli that hangs (a half-open connection) is stopped, as a person would press Ctrl-C. */
const CLI_GIVE_UP_S = 5;

/**
 * The terminal the loop runs in: a shell of its own, as in class. It reads an IP per line, runs redis-cli
 * against it and prints the start and end times (epoch ms), the exit code and both outputs (base64, one line).
 * Spawning each redis-cli from this process instead stalled the dashboard's event loop, which shares it, by up
 * to 100 ms a read on a loaded machine (a CPU profile of bench:latency), right when the failover was measured.
 */
const TERMINAL = `
while IFS= read -r ip; do
  t0=$(date +%s%3N)
  out=$(timeout -s KILL ${CLI_GIVE_UP_S} redis-cli -c -h "$ip" -a "$PW" get "$KEY" 2>/tmp/seedloop.$$.err)
  code=$?
  t1=$(date +%s%3N)
  printf '%s %s %s %s %s\n' "$t0" "$t1" "$code" "$(printf %s "$out" | base64 -w0)" "$(base64 -w0 < /tmp/seedloop.$$.err)"
done
rm -f /tmp/seedloop.$$.err
`;

/**
 * The seed's `while true; do redis-cli -c get a; sleep 1; done`, for real: one `redis-cli -c -h <ip> -a <pw>
 * get a` at a time in a shell of its own, a 1 s sleep after each. `-h` is a ready pod's IP picked per read, as
 * the seed's `-h ds-redis-redis-cluster` reaches one through the Service.
 */
export class SeedLoop {
  readonly reads: LoopRead[] = [];
  private stopped = false;
  private shell: ChildProcess | null = null;
  private answer: ((line: string | null) => void) | null = null;
  private done: Promise<void> = Promise.resolve();

  constructor(
    private readonly pickIp: () => string | null,
    private readonly password: string,
    private readonly key: string,
  ) {
    onShutdownSync(() => this.shell?.kill("SIGKILL"));
  }

  start(): void {
    this.stopped = false;
    const shell = spawn("bash", ["-c", TERMINAL], {
      env: { ...process.env, PW: this.password, KEY: this.key },
      stdio: ["pipe", "pipe", "inherit"],
    });
    this.shell = shell;
    createInterface({ input: shell.stdout! }).on("line", (line) => this.answer?.(line));
    shell.on("close", () => this.answer?.(null));
    this.done = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.shell?.stdin?.end();
    this.shell?.kill("SIGKILL");
    this.answer?.(null);
    await this.done;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const ip = this.pickIp();
      if (ip) {
        const read = await this.read(ip);
        if (read) this.reads.push(read);
      }
      if (!this.stopped) await sleep(1000);
    }
  }

  private read(ip: string): Promise<LoopRead | null> {
    return new Promise((resolve) => {
      this.answer = (line) => {
        this.answer = null;
        resolve(line === null ? null : parseRead(line));
      };
      this.shell?.stdin?.write(`${ip}\n`);
    });
  }
}

function parseRead(line: string): LoopRead {
  const [t0, t1, code, out = "", err = ""] = line.split(" ");
  const run: CliRun = {
    code: Number(code),
    stdout: Buffer.from(out, "base64").toString(),
    stderr: Buffer.from(err, "base64").toString(),
  };
  const output = (run.stdout.trim() || run.stderr.replace(/^Warning:.*\n?/m, "").trim()).slice(0, 120);
  return { startedAt: Number(t0), repliedAt: Number(t1), failed: redisCliFailed(run), output };
}
