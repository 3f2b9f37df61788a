import { Redis, type RedisOptions } from "ioredis";
import type { RedisAddress } from "../platform/types";

/**
 * A connection to one Redis that never queues or retries on its own: every observer wants to know at once
 * that a pod is gone, not have its command wait for the pod to come back.
 */
export function connectNode(addr: RedisAddress, password: string, extra: Partial<RedisOptions> = {}): Redis {
  return new Redis({
    host: addr.host,
    port: addr.port,
    password,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    retryStrategy: () => null,
    enableReadyCheck: false,
    // Not two `CLIENT SETINFO` per connection: the fresh-connection probe lane opens one per read (15 a second),
    // and each was two more commands for Redis and two more writes for the server, to name the library.
    disableClientInfo: true,
    ...extra,
  });
}

/**
 * Connects and, on failure, rejects with the socket's own error (ECONNREFUSED, ETIMEDOUT) instead of
 * ioredis's generic "Connection is closed." that follows it when retries are off.
 */
export async function open(r: Redis): Promise<Redis> {
  let cause: Error | null = null;
  const remember = (e: Error) => (cause ??= e);
  r.on("error", remember);
  try {
    await r.connect();
    return r;
  } catch (err) {
    throw cause ?? err;
  } finally {
    r.off("error", remember);
  }
}

/** Runs one command on a short-lived connection and closes it (used by readiness checks and actions). */
export async function oneShot<T>(
  addr: RedisAddress,
  password: string,
  timeoutMs: number,
  run: (r: Redis) => Promise<T>,
): Promise<T> {
  const r = connectNode(addr, password, { connectTimeout: timeoutMs, commandTimeout: timeoutMs });
  r.on("error", () => {});
  try {
    return await run(await open(r));
  } finally {
    r.disconnect();
  }
}
