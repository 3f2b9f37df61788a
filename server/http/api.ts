import type { IncomingMessage, ServerResponse } from "node:http";
import { deletePodBodySchema, describeZodError } from "@/lib/protocol";
import { runToCsv } from "@/lib/runCsv";
import { ActionError } from "../actions/actionError";
import type { Auth } from "../auth";
import type { Engine } from "../engine";
import { healthReport } from "./health";

const MAX_BODY_BYTES = 16 * 1024;

/**
 * The JSON API of DESIGN §6. Returns false when the path is not ours, so Next.js serves it.
 * Every refusal is a JSON `{ error }` with a 4xx status, and changes nothing.
 */
export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  engine: Engine,
  auth: Auth,
): Promise<boolean> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const path = url.pathname;
  if (path !== "/healthz" && !path.startsWith("/api/")) return false;
  try {
    await route(req, res, url, engine, auth);
  } catch (err) {
    if (err instanceof ActionError) {
      sendJson(res, err.status, { error: err.message, code: err.code, params: err.params });
    } else {
      console.error("API error:", err);
      sendJson(res, 500, { error: "internal error", code: "internal" });
    }
  }
  return true;
}

async function route(req: IncomingMessage, res: ServerResponse, url: URL, engine: Engine, auth: Auth) {
  const { store } = engine;
  const path = url.pathname;
  const method = req.method ?? "GET";

  if (path === "/healthz") {
    allow(method, "GET");
    return sendJson(res, 200, healthReport(store));
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
      platformStatus: store.platformStatus,
    });
  }
  const del = /^\/api\/pods\/([^/]+)\/delete$/.exec(path);
  if (del) {
    allow(method, "POST");
    const who = auth.fromBearer(req.headers.authorization);
    if (!who.ok) throw new ActionError(who.status, who.code);
    const body = await readJsonBody(req);
    const parsed = deletePodBodySchema.safeParse(body ?? {});
    if (!parsed.success) {
      throw new ActionError(400, "invalidBody", { detail: describeZodError(parsed.error) });
    }
    const pod = decodeURIComponent(del[1]);
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
    if (!who.ok) throw new ActionError(who.status, who.code);
    const body = (await readJsonBody(req)) ?? {};
    if (path === "/api/repair") return sendJson(res, 202, await engine.repair(who.principal, body));
    if (path === "/api/repair/auto") return sendJson(res, 200, engine.setAutoRepair(who.principal, body));
    return sendJson(res, 200, await engine.resetLab(who.principal, body));
  }
  const evidence = /^\/api\/pods\/([^/]+)\/evidence$/.exec(path);
  if (evidence) {
    allow(method, "GET");
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
    if (!run) throw new ActionError(404, "noRun", { id: runMatch[1].slice(0, 80) });
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
  throw new ActionError(404, "notFound", { method: method.slice(0, 10), path: path.slice(0, 100) });
}

function allow(method: string, expected: string): void {
  if (method !== expected) {
    throw new ActionError(405, "methodNotAllowed", { method: method.slice(0, 10), allowed: expected });
  }
}

/** An empty body is `undefined`; anything else must be a JSON object under the size limit. */
async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ActionError(413, "bodyTooLarge", { max: MAX_BODY_BYTES });
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ActionError(400, "malformedJson");
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}
