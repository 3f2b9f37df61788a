import type { IncomingMessage, ServerResponse } from "node:http";
import { deletePodBodySchema, describeZodError } from "@/lib/protocol";
import { runToCsv } from "@/lib/runCsv";
import { ActionError } from "../actions/actionLock";
import type { Auth } from "../auth";
import type { Engine } from "../engine";

const MAX_BODY_BYTES = 16 * 1024;

/** The stable `code` of an HTTP refusal; `error` beside it stays readable English. */
export type HttpErrorCode =
  "bad_path" | "invalid_body" | "body_too_large" | "method_not_allowed" | "unauthorized" | "not_found";

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: HttpErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** ActionErrors carry a status only (for now): their code follows from it. */
const CODE_OF_STATUS: Record<number, string> = {
  400: "invalid_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  413: "body_too_large",
  429: "rate_limited",
};

/**
 * The JSON API of DESIGN §6. Returns false when the path is not ours, so Next.js serves it.
 * Every refusal is a JSON `{ error, code }` with a 4xx status, and changes nothing.
 */
export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  engine: Engine,
  auth: Auth,
): Promise<boolean> {
  const url = requestUrl(req.url ?? "");
  if (!url) {
    // `GET *` and other forms that name no path: nothing here (nor Next.js) can serve them.
    sendError(res, new HttpError(400, "bad_path", "the request target must be a path starting with /"));
    return true;
  }
  // Next.js reads an absolute-form target as a path and redirects it to itself, forever.
  if (!req.url?.startsWith("/")) req.url = url.pathname + url.search;
  const path = url.pathname;
  if (path !== "/healthz" && !path.startsWith("/api/")) return false;
  try {
    await route(req, res, url, engine, auth);
  } catch (err) {
    sendError(res, err);
  }
  return true;
}

/** Origin-form (`/path?q`) or absolute-form (`http://host/path`, which proxies send); anything else is null. */
export function requestUrl(target: string): URL | null {
  try {
    // Prefixing keeps `//x` a path instead of a host.
    if (target.startsWith("/")) return new URL(`http://localhost${target}`);
    if (/^https?:\/\//i.test(target)) return new URL(target);
  } catch {
    return null;
  }
  return null;
}

function sendError(res: ServerResponse, err: unknown): void {
  if (err instanceof HttpError) {
    return sendJson(res, err.status, { error: err.message, code: err.code }, err.headers);
  }
  if (err instanceof ActionError) {
    // Once ActionError carries its own code, it wins over the one derived from the status.
    const own = (err as { code?: unknown }).code;
    const code = typeof own === "string" ? own : (CODE_OF_STATUS[err.status] ?? "refused");
    return sendJson(res, err.status, { error: err.message, code });
  }
  console.error("API error:", err);
  sendJson(res, 500, { error: "internal error", code: "internal" });
}

async function route(req: IncomingMessage, res: ServerResponse, url: URL, engine: Engine, auth: Auth) {
  const { store } = engine;
  const path = url.pathname;
  const method = req.method ?? "GET";

  if (path === "/healthz") {
    allow(method, "GET");
    const ready = store.pods.filter((p) => p.ready).length;
    return sendJson(res, 200, { ok: true, clusterState: store.topology.clusterState, podsReady: ready });
  }
  if (path === "/api/state") {
    allow(method, "GET");
    return sendJson(res, 200, {
      lab: store.lab,
      pods: store.pods,
      nodes: store.topology.nodes,
      clusterState: store.topology.clusterState,
      probes: store.latestSamples(),
      busy: store.busy,
    });
  }
  const del = /^\/api\/pods\/([^/]+)\/delete$/.exec(path);
  if (del) {
    allow(method, "POST");
    const pod = decodeSegment(del[1]);
    const who = auth.fromBearer(req.headers.authorization);
    if (!who.ok) throw new HttpError(who.status, "unauthorized", who.error);
    const body = await readJsonBody(req);
    const parsed = deletePodBodySchema.safeParse(body ?? {});
    if (!parsed.success) {
      throw new HttpError(400, "invalid_body", `invalid body: ${describeZodError(parsed.error)}`);
    }
    const run = engine.deletePod(who.principal, { pod, mode: parsed.data.mode });
    return sendJson(res, 202, { accepted: true, pod, runId: run.id });
  }
  if (path === "/api/repair/plan") {
    allow(method, "GET");
    return sendJson(res, 200, await engine.planRepair());
  }
  if (path === "/api/repair" || path === "/api/repair/auto" || path === "/api/lab/reset") {
    allow(method, "POST");
    const who = auth.fromBearer(req.headers.authorization);
    if (!who.ok) throw new HttpError(who.status, "unauthorized", who.error);
    const body = (await readJsonBody(req)) ?? {};
    if (path === "/api/repair") return sendJson(res, 202, await engine.repair(who.principal, body));
    if (path === "/api/repair/auto") return sendJson(res, 200, engine.setAutoRepair(who.principal, body));
    return sendJson(res, 200, await engine.resetLab(who.principal, body));
  }
  const evidence = /^\/api\/pods\/([^/]+)\/evidence$/.exec(path);
  if (evidence) {
    allow(method, "GET");
    return sendJson(res, 200, await engine.evidence({ pod: decodeSegment(evidence[1]) }));
  }
  if (path === "/api/runs") {
    allow(method, "GET");
    return sendJson(res, 200, { runs: store.listRuns() });
  }
  const runMatch = /^\/api\/runs\/([^/]+)$/.exec(path);
  if (runMatch) {
    allow(method, "GET");
    const run = store.run(decodeSegment(runMatch[1]));
    if (!run) throw new HttpError(404, "not_found", `no run "${runMatch[1].slice(0, 80)}"`);
    if (url.searchParams.get("format") === "csv") {
      const csv = runToCsv(run);
      res.writeHead(200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${run.id}.csv"`,
        "content-length": String(Buffer.byteLength(csv)),
      });
      res.end(csv);
      return;
    }
    return sendJson(res, 200, run);
  }
  throw new HttpError(404, "not_found", `no such endpoint: ${method} ${path.slice(0, 100)}`);
}

/** HEAD is GET without the body (Node drops the body of a HEAD response by itself). */
function allow(method: string, expected: "GET" | "POST"): void {
  if (method === expected || (expected === "GET" && method === "HEAD")) return;
  const allowed = expected === "GET" ? "GET, HEAD" : expected;
  throw new HttpError(
    405,
    "method_not_allowed",
    `method ${method.slice(0, 20)} not allowed; use ${expected}`,
    {
      allow: allowed,
    },
  );
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, "bad_path", `bad percent-encoding in the path: "${segment.slice(0, 80)}"`);
  }
}

/** An empty body is `undefined`; anything else must be a JSON object under the size limit. */
async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new HttpError(413, "body_too_large", `body larger than ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (!text) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, "invalid_body", "malformed JSON body");
  }
  // `null ?? {}` would read as "no options": a body that is not an object is refused, not defaulted.
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    const got = body === null ? "null" : Array.isArray(body) ? "an array" : `a ${typeof body}`;
    throw new HttpError(400, "invalid_body", `invalid body: must be a JSON object, got ${got}`);
  }
  return body as Record<string, unknown>;
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "content-length": String(Buffer.byteLength(text)),
    ...extra,
  });
  res.end(text);
}
