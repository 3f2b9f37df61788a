/** A failed Kubernetes API call, reduced to what a person needs to act on it. */
export class KubeError extends Error {
  constructor(
    message: string,
    /** HTTP status, or 0 when the API server was not reached at all. */
    readonly status: number,
    /** The Status `reason` (`Forbidden`, `NotFound`, `Expired`, …) or the socket error code. */
    readonly reason: string,
  ) {
    super(message);
    this.name = "KubeError";
  }
}

/** Thrown by `start()` when a start-up check fails; `problems` holds one plain sentence per failed check. */
export class KubernetesStartupError extends Error {
  constructor(readonly problems: string[]) {
    super(`kubernetes platform cannot start:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "KubernetesStartupError";
  }
}

interface StatusLike {
  kind?: string;
  code?: number;
  reason?: string;
  message?: string;
}

function parseStatus(body: unknown): StatusLike | null {
  if (body && typeof body === "object") return body as StatusLike;
  if (typeof body === "string" && body.trim().startsWith("{")) {
    try {
      return JSON.parse(body) as StatusLike;
    } catch {
      return null;
    }
  }
  return null;
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * Normalises the errors of @kubernetes/client-node (ApiException with a string body, node-fetch's FetchError
 * with `code`, Watch's Error with `statusCode`) and of our own streaming requests into a KubeError.
 * `action` names the call (`delete pods ds-redis-redis-cluster-2`) so a 403 says which verb was refused.
 */
export function toKubeError(err: unknown, action: string): KubeError {
  if (err instanceof KubeError) return err;
  const e = (err ?? {}) as {
    code?: unknown;
    statusCode?: unknown;
    body?: unknown;
    message?: unknown;
    errno?: unknown;
  };
  const rawMessage = typeof e.message === "string" ? e.message : String(err);
  const netCode =
    typeof e.code === "string" && NETWORK_CODES.has(e.code)
      ? e.code
      : NETWORK_CODES.has(String((e as { errno?: unknown }).errno))
        ? String(e.errno)
        : [...NETWORK_CODES].find((c) => rawMessage.includes(c));
  if (netCode) {
    return new KubeError(`${action}: cannot reach the Kubernetes API server (${netCode})`, 0, netCode);
  }
  const status = typeof e.code === "number" ? e.code : typeof e.statusCode === "number" ? e.statusCode : 0;
  const st = parseStatus(e.body);
  const apiMessage = st?.message ?? (rawMessage.startsWith("HTTP-Code") ? "" : rawMessage);
  const reason = st?.reason ?? reasonFor(status);
  return new KubeError(describe(action, status, reason, apiMessage), status, reason);
}

export function describe(action: string, status: number, reason: string, apiMessage: string): string {
  const said = apiMessage ? `: ${apiMessage}` : "";
  if (status === 401)
    return `${action}: the API server did not accept our credentials (401 Unauthorized)${said}. Check the kubeconfig's user or the service account token.`;
  if (status === 403)
    return `${action} is forbidden (403)${said}. Grant it in the Role (deploy/kubernetes/rbac.yaml) or use a kubeconfig that may do it.`;
  if (status === 404) return `${action}: not found (404)${said}`;
  if (status === 410) return `${action}: resource version too old (410 Gone)${said}`;
  return `${action} failed (${status || "no status"} ${reason})${said}`;
}

function reasonFor(status: number): string {
  switch (status) {
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "NotFound";
    case 409:
      return "Conflict";
    case 410:
      return "Expired";
    default:
      return status >= 500 ? "InternalError" : "Unknown";
  }
}
