// What both benchmarks need around the lab: a loopback range no other run uses, flags, waits, and a shutdown
// that leaves no redis-server, browser or client process behind, on success, on error and on Ctrl-C.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { killAllLocalLabsSync } from "@/server/platform/local/localPodSet";
import { onTestNet } from "./testNet";

/** `--trials=6` or `--trials 6`, else the env name, else the default. */
export function numberFlag(name: string, envName: string, fallback: number): number {
  const argv = process.argv.slice(2);
  let raw: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}`) raw = argv[i + 1];
    else if (argv[i].startsWith(`--${name}=`)) raw = argv[i].slice(name.length + 3);
  }
  raw ??= process.env[envName];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number, not ${raw}`);
  return n;
}

const LOCK_DIR = tmpdir();
const POD_IP_START = 76;
/** Pods get new IPs on each restart; a range this long covers every IP a bench run hands out. */
const POD_IPS_CHECKED = 40;

/**
 * The loopback range for this run: `LOCAL_IP_PREFIX` if set, else the bench's own range moved by
 * `FAILOVER_TEST_NET`. A lock file per range (with the owner's pid) and a look for a Redis already listening there
 * keep two runs side by side apart: without an explicit prefix the next free third octet is taken.
 */
export async function claimIpPrefix(defaultPrefix: string): Promise<string> {
  const explicit = process.env.LOCAL_IP_PREFIX;
  const base = explicit ?? onTestNet(defaultPrefix);
  const [a, b, c] = base.split(".").map(Number);
  for (let step = 0; step < (explicit ? 1 : 20); step++) {
    const prefix = `${a}.${b}.${c + step}`;
    if (c + step > 254) break;
    if (!takeLock(prefix)) continue;
    if (await anyListening(prefix)) {
      releaseLock(prefix);
      continue;
    }
    onShutdownSync(() => releaseLock(prefix));
    return prefix;
  }
  throw new Error(
    explicit
      ? `LOCAL_IP_PREFIX=${explicit} is in use by another lab (a lock in ${LOCK_DIR} or a Redis listening there)`
      : `no free loopback range from ${base}: set LOCAL_IP_PREFIX or FAILOVER_TEST_NET`,
  );
}

const lockPath = (prefix: string) => path.join(LOCK_DIR, `failover-lab-bench-${prefix}.lock`);

function takeLock(prefix: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath(prefix), "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return true;
    } catch {
      // Taken: by a live run, or left by one that was SIGKILLed (then it is ours to take over).
      const owner = Number(readFileSafe(lockPath(prefix)));
      if (owner && alive(owner)) return false;
      rmSync(lockPath(prefix), { force: true });
    }
  }
  return false;
}

function releaseLock(prefix: string): void {
  if (Number(readFileSafe(lockPath(prefix))) === process.pid) rmSync(lockPath(prefix), { force: true });
}

function readFileSafe(p: string): string {
  try {
    return readFileSync(p, "utf8").trim();
  } catch {
    return "";
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Loopback refuses at once where nothing listens, so this takes milliseconds. */
async function anyListening(prefix: string): Promise<boolean> {
  const ips = Array.from({ length: POD_IPS_CHECKED }, (_, i) => `${prefix}.${POD_IP_START + i}`);
  const open = await Promise.all(
    ips.map(
      (host) =>
        new Promise<boolean>((resolve) => {
          const s = net.connect({ host, port: 6379, timeout: 500 });
          const done = (v: boolean) => {
            s.destroy();
            resolve(v);
          };
          s.once("connect", () => done(true));
          s.once("error", () => done(false));
          s.once("timeout", () => done(false));
        }),
    ),
  );
  return open.some(Boolean);
}

type Cleanup = () => Promise<unknown> | unknown;
const cleanups: Cleanup[] = [];
const syncCleanups: (() => void)[] = [];
let shuttingDown = false;

/** Runs at the end (last registered first), also on SIGINT/SIGTERM. */
export function onShutdown(fn: Cleanup): void {
  cleanups.push(fn);
}

/** Runs at process exit whatever happened: only synchronous work (kill a pid, remove a file). */
export function onShutdownSync(fn: () => void): void {
  syncCleanups.push(fn);
}

export async function shutdown(): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  for (const fn of cleanups.splice(0).reverse()) {
    await Promise.race([
      Promise.resolve()
        .then(fn)
        .catch((err) => console.error("cleanup:", err instanceof Error ? err.message : err)),
      new Promise((r) => setTimeout(r, 15_000)),
    ]);
  }
}

/** Runs the bench; whatever ends it (done, thrown, Ctrl-C) closes the lab, the browser and the clients. */
export function runBench(main: () => Promise<void>): void {
  process.on("exit", () => {
    for (const fn of syncCleanups) {
      try {
        fn();
      } catch {
        // Best effort: the process is leaving.
      }
    }
    // Pods whose graceful stop never ran (a second Ctrl-C, an uncaught error) die with us.
    killAllLocalLabsSync();
  });
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.on(sig, () => {
      if (shuttingDown) process.exit(130);
      console.error(`\n${sig}: stopping the bench, the lab and its browsers…`);
      shutdown().finally(() => process.exit(130));
    });
  }
  main()
    .catch((err) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      process.exitCode = 1;
    })
    .then(shutdown)
    .finally(() => process.exit());
}

/** The tests' wait, under the name the benches read best. */
export { waitFor as until } from "./waitFor";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Wall-clock ms with sub-ms digits, comparable across processes on this machine (and with a page's). */
export const now = () => performance.timeOrigin + performance.now();
