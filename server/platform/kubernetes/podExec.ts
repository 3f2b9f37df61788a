import { Writable } from "node:stream";
import { Exec, type KubeConfig, type V1Status } from "@kubernetes/client-node";
import { KubeError } from "./errors";

export interface ExecResult {
  stdout: Buffer;
  stderr: string;
  /** 0 on `Success`; the ExitCode cause of a `NonZeroExitCode` status otherwise. */
  exitCode: number;
}

/** A command that never answers must not hold the AOF viewer's reader for good. */
const EXEC_TIMEOUT_MS = 10_000;

function collector(chunks: Buffer[]): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      cb();
    },
  });
}

function exitCodeOf(status: V1Status): number {
  if (status.status === "Success") return 0;
  const cause = status.details?.causes?.find((c) => c.reason === "ExitCode");
  const n = Number(cause?.message);
  return Number.isInteger(n) && n > 0 ? n : 1;
}

/**
 * `kubectl exec <pod> -c <container> -- <command>` over the API's websocket (`pods/exec`), collecting stdout
 * as bytes (the AOF is binary-safe RESP). A refused upgrade (403 without `get`/`create pods/exec`, see permissions.ts) is a KubeError
 * with that status, so the caller can say which permission is missing.
 */
export async function execInPod(
  kc: KubeConfig,
  namespace: string,
  pod: string,
  container: string,
  command: string[],
  timeoutMs = EXEC_TIMEOUT_MS,
): Promise<ExecResult> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  return new Promise<ExecResult>((resolve, reject) => {
    let done = false;
    let socket: { close(): void } | null = null;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket?.close();
      fn();
    };
    const timer = setTimeout(
      () => finish(() => reject(new KubeError(`exec in ${pod} timed out`, 0, "Timeout"))),
      timeoutMs,
    );
    new Exec(kc)
      .exec(namespace, pod, container, command, collector(out), collector(err), null, false, (status) =>
        finish(() =>
          resolve({
            stdout: Buffer.concat(out),
            stderr: Buffer.concat(err).toString("utf8"),
            exitCode: exitCodeOf(status),
          }),
        ),
      )
      .then((ws) => {
        socket = ws;
        if (done) ws.close();
        // Without a status frame (an older kubelet), the close ends the command.
        ws.addEventListener?.("close", () =>
          finish(() =>
            resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString("utf8"), exitCode: 0 }),
          ),
        );
      })
      .catch((e: Error) => {
        const m = /Unexpected server response: (\d+)/.exec(e?.message ?? "");
        const status = m ? Number(m[1]) : 0;
        finish(() =>
          reject(
            new KubeError(
              status === 403
                ? `forbidden to get and create pods/exec on ${pod} in namespace ${namespace}`
                : `exec in ${pod} failed: ${e?.message ?? String(e)}`,
              status,
              status === 403 ? "Forbidden" : "ExecFailed",
            ),
          ),
        );
      });
  });
}
