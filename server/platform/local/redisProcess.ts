import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";

export interface RedisProcessOptions {
  ip: string;
  port: number;
  dir: string;
  password: string;
  nodeTimeoutMs: number;
  cluster: boolean;
  appendonly: boolean;
  /** Extra `--name value` pairs. */
  extra?: string[];
}

/**
 * Starts one `redis-server` playing a pod. Logs go to stdout so the platform can follow them the way
 * `kubectl logs -f` does; `bind-source-addr` makes the cluster bus connect from the pod's own IP,
 * otherwise peers see 127.0.0.1 and never meet.
 */
export function startRedisProcess(o: RedisProcessOptions): ChildProcess {
  mkdirSync(o.dir, { recursive: true });
  const args = [
    "--bind",
    o.ip,
    "--bind-source-addr",
    o.ip,
    "--port",
    String(o.port),
    "--dir",
    o.dir,
    "--daemonize",
    "no",
    "--logfile",
    "",
    "--protected-mode",
    "no",
    "--requirepass",
    o.password,
    "--masterauth",
    o.password,
    "--save",
    "",
    "--appendonly",
    o.appendonly ? "yes" : "no",
    "--repl-diskless-sync-delay",
    "0",
    "--loglevel",
    "notice",
  ];
  if (o.cluster) {
    args.push(
      "--cluster-enabled",
      "yes",
      "--cluster-config-file",
      "nodes.conf",
      "--cluster-node-timeout",
      String(o.nodeTimeoutMs),
    );
  }
  if (o.extra) args.push(...o.extra);
  // UTC, like a container: log timestamps carry no zone and are parsed as UTC.
  return spawn("redis-server", args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, TZ: "UTC" },
  });
}
