import type { IncomingMessage, ServerResponse } from "node:http";
import { deletePodBodySchema, describeZodError } from "@/lib/protocol";
import { runToCsv } from "@/lib/runCsv";
import { ActionError } from "../actions/actionLock";
import type { Auth } from "../auth";
import type { Engine } from "../engine";
import type { RatePrincipal, RateLimit } from "../rateLimit";

const MAX_BODY_BYTES = 16 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The JSON API of DESIGN §6. Returns false when the path is not ours, so Next.js serves it.
 * Every refusal is a JSON `{ error }` with a 4xx status, and changes nothing.
 */
export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  engine: Engine,
  auth: Auth,
  rateLimit: RateLimit,
): Promise<boolean> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const path = url.pathname;
  if (path !== "/healthz" && !path.startsWith("/api/")) return false;
  try {
    await route(req, res, url, engine, auth, rateLimit);
  } catch (err) {
    const status = err instanceof HttpError || err instanceof ActionError ? err.status : 500;
    if (status === 500) console.error("API error:", err);
    sendJson(res, status, { error: status === 500 ? "internal error" : (err as Error).message });
  }
  return true;
}

async function route(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  engine: Engine,
  auth: Auth,
  rateLimit: RateLimit,
) {
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
    const who = auth.fromBearer(req.headers.authorization);
    if (!who.ok) throw new HttpError(who.status, who.error);
    const body = await readJsonBody(req);
    const parsed = deletePodBodySchema.safeParse(body ?? {});
    if (!parsed.success) throw new HttpError(400, `invalid body: ${describeZodError(parsed.error)}`);
    const pod = decodeURIComponent(del[1]);
    const run = engine.deletePod(who.principal, { pod, mode: parsed.data.mode });
    return sendJson(res, 202, { accepted: true, pod, runId: run.id });
  }
  if (path === "/api/repair/plan") {
    allow(method, "GET");
    rateLimit(reader(req, auth), "heavy-read");
    return sendJson(res, 200, engine.planRepair());
  }
  if (path === "/api/repair" || path === "/api/repair/auto" || path === "/api/lab/reset") {
    allow(method, "POST");
    const who = auth.fromBearer(req.headers.authorization);
    if (!who.ok) throw new HttpError(who.status, who.error);
    const body = (await readJsonBody(req)) ?? {};
    if (path === "/api/repair") return sendJson(res, 202, await engine.repair(who.principal, body));
    if (path === "/api/repair/auto") return sendJson(res, 200, engine.setAutoRepair(who.principal, body));
    return sendJson(res, 200, await engine.resetLab(who.principal, body));
  }
  const evidence = /^\/api\/pods\/([^/]+)\/evidence$/.exec(path);
  if (evidence) {
    allow(method, "GET");
    rateLimit(reader(req, auth), "heavy-read");
    return sendJson(res, 200, await engine.evidence({ pod: decodeURIComponent(evidence[1]) }));
  }
  if (path === "/api/runs") {
    allow(method, "GET");
    return sendJson(res, 200, { runs: store.listRuns() });
  }
  const runMatch = /^\/api\/runs\/([^/]+)$/.exec(path);
  if (runMatch) {
    allow(method, "GET");
    const run = store.run(decodeURIComponent(runMatch[1]));
    if (!run) throw new HttpError(404, `no run "${runMatch[1].slice(0, 80)}"`);
    if (url.searchParams.get("format") === "csv") {
      res.writeHead(200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${run.id}.csv"`,
      });
      res.end(runToCsv(run));
      return;
    }
    return sendJson(res, 200, run);
  }
  throw new HttpError(404, `no such endpoint: ${method} ${path.slice(0, 100)}`);
}

/** Who a read is counted against: the instructor by token, anyone else by the address they come from. */
function reader(req: IncomingMessage, auth: Auth): RatePrincipal {
  const who = auth.fromBearer(req.headers.authorization);
  if (who.ok) return who.principal;
  return { role: "student", name: `http ${req.socket.remoteAddress ?? "?"}` };
}

function allow(method: string, expected: string): void {
  if (method !== expected) throw new HttpError(405, `method ${method} not allowed; use ${expected}`);
}

/** An empty body is `undefined`; anything else must be a JSON object under the size limit. */
async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "malformed JSON body");
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}
