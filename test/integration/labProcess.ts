import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

/**
 * `npm start`'s server as its own process, the way a second terminal would run it; `headless` runs it
 * without Next.js (test/integration/fixtures/headlessMain.ts).
 */
export function spawnDashboard(
  env: Record<string, string>,
  entry: "main" | "headless" = "main",
): ChildProcess {
  const file = entry === "main" ? "server/main.ts" : "test/integration/fixtures/headlessMain.ts";
  return spawn(process.execPath, ["--import", "tsx", file], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

export function collect(stream: NodeJS.ReadableStream | null): () => string {
  let text = "";
  stream?.on("data", (d) => (text += String(d)));
  return () => text;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
