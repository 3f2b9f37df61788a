import type { IncomingMessage, ServerResponse } from "node:http";
import { deletePodBodySchema, describeZodError } from "@/lib/protocol";
import { runToCsv } from "@/lib/runCsv";
import type { ErrorCode, ErrorParams } from "@/lib/i18n/errorText";
import { ActionError } from "../actions/actionError";
import { LABS } from "../labs";
import { healthReport } from "./health";
import type { Auth } from "../auth";
import type { Person } from "@/lib/permissions";
import type { Doors } from "../doors";
import { setGuideStep } from "../guideFocus";
import { topologyOf } from "@/lib/labs/cluster/state";

const MAX_BODY_BYTES = 16 * 1024;

/** An HTTP refusal that also needs a header (405's `Allow`). */
class HttpError extends ActionError {
  constructor(
    status: number,
    code: ErrorCode,
    params: ErrorParams,
    readonly headers: Record<string, string> = {},
  ) {
    super(status, code, params);
  }
}

/**
 * The JSON API of DESIGN §6. Returns false when the path is not ours, so Next.js serves it.
 * Every refusal is a JSON `{ error, code }` with a 4xx status, and changes nothing.
 */
export async function handleApi(req: IncomingMessage, res: ServerResponse, doors: Doors): Promise<boolean> {
  const url = requestUrl(req.url ?? "");
  if (!url) {
    // `GET *` and other forms that name no path: nothing here (nor Next.js) can serve them.
    sendError(res, new ActionError(400, "bad_path", { segment: "none" }));
    return true;
  }
  // Next.js reads an absolute-form target as a path and redirects it to itself, forever.
  if (!req.url?.startsWith("/")) req.url = url.pathname + url.search;
  const path = url.pathname;
  if (path !== "/healthz" && !path.startsWith("/api/")) return false;
  try {
    await route(req, res, url, doors);
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
  if (err instanceof ActionError) {
    const headers = err instanceof HttpError ? err.headers : {};
    return sendJson(res, err.status, { error: err.message, code: err.code, params: err.params }, headers);
  }
  console.error("API error:", err);
  sendJson(res, 500, { error: "internal error", code: "internal" });
}

async function route(req: IncomingMessage, res: ServerResponse, url: URL, doors: Doors) {
  const { engine, auth, gate, room } = doors;
  const { store } = engine;
  /** The caller with an instructor's token; any other action over HTTP is refused before the door. */
  const bearer = () => {
    const who = auth.fromBearer(req.headers.authorization);
    if (!who.ok) throw new ActionError(who.status, who.code);
    return who.principal;
  };
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
      nodes: LABS[store.lab.lab].stateNodes(store),
      clusterState: topologyOf(store.labState).clusterState,
      probes: store.latestSamples(),
      busy: store.busy,
      platformStatus: store.platformStatus,
    });
  }
  const del = /^\/api\/pods\/([^/]+)\/delete$/.exec(path);
  if (del) {
    allow(method, "POST");
    const pod = decodeSegment(del[1]);
    const who = bearer();
    const body = await readJsonBody(req);
    gate.check(who, "deletePod", body);
    const parsed = deletePodBodySchema.safeParse(body ?? {});
    if (!parsed.success) {
      throw new ActionError(400, "invalid_body", { detail: describeZodError(parsed.error) });
    }
    const run = engine.deletePod(who, { pod, mode: parsed.data.mode });
    return sendJson(res, 202, { accepted: true, pod, runId: run.id });
  }
  if (path === "/api/repair/plan") {
    allow(method, "GET");
    gate.check(reader(req, auth), "repairPlan", null);
    return sendJson(res, 200, engine.planRepair());
  }
  if (path === "/api/repair" || path === "/api/repair/auto" || path === "/api/lab/reset") {
    allow(method, "POST");
    const who = bearer();
    const body = (await readJsonBody(req)) ?? {};
    if (path === "/api/repair") {
      gate.check(who, "repairExecute", body);
      return sendJson(res, 202, await engine.repair(who, body));
    }
    if (path === "/api/repair/auto") {
      gate.check(who, "autoRepair", body);
      return sendJson(res, 200, engine.setAutoRepair(who, body));
    }
    gate.check(who, "resetLab", body);
    return sendJson(res, 200, await engine.resetLab(who, body));
  }
  if (path === "/api/grants") {
    if (method === "POST") {
      const who = bearer();
      const body = await readJsonBody(req);
      gate.check(who, "setGrant", body);
      return sendJson(
        res,
        200,
        engine.setGrant(who, body ?? {}, (n) => room.knows(n)),
      );
    }
    allow(method, "GET");
    gate.check(bearer(), "readGrants", null);
    return sendJson(res, 200, { grants: store.grants, presence: store.presence });
  }
  if (path === "/api/guide") {
    if (method === "POST") {
      const who = bearer();
      const body = await readJsonBody(req);
      gate.check(who, "setGuideStep", body);
      return sendJson(res, 200, setGuideStep(store, who, body ?? {}));
    }
    allow(method, "GET");
    return sendJson(res, 200, store.guide);
  }
  if (path === "/api/keys" || path === "/api/lab") {
    allow(method, "POST");
    const who = bearer();
    const body = (await readJsonBody(req)) ?? {};
    if (path === "/api/keys") {
      gate.check(who, "setKey", body);
      return sendJson(res, 200, await engine.setKey(who, body));
    }
    gate.check(who, "switchLab", body);
    return sendJson(res, 200, await engine.switchLab(who, body));
  }
  if (path === "/api/aof") {
    allow(method, "GET");
    gate.check(reader(req, auth), "evidence", null);
    return sendJson(res, 200, await engine.aof());
  }
  const evidence = /^\/api\/pods\/([^/]+)\/evidence$/.exec(path);
  if (evidence) {
    allow(method, "GET");
    gate.check(reader(req, auth), "evidence", null);
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
    if (!run) throw new ActionError(404, "no_run", { id: runMatch[1].slice(0, 80) });
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
  throw new ActionError(404, "not_found", { method: method.slice(0, 10), path: path.slice(0, 100) });
}

/** HEAD is GET without the body (Node drops the body of a HEAD response by itself). */
function allow(method: string, expected: "GET" | "POST"): void {
  if (method === expected || (expected === "GET" && method === "HEAD")) return;
  const allowed = expected === "GET" ? "GET, HEAD" : expected;
  throw new HttpError(
    405,
    "method_not_allowed",
    { method: method.slice(0, 20), allowed: expected },
    { allow: allowed },
  );
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ActionError(400, "bad_path", { segment: segment.slice(0, 80) });
  }
}

/** Who a read is counted against: the instructor by token, anyone else by the address they come from. */
function reader(req: IncomingMessage, auth: Auth): Person {
  const who = auth.fromBearer(req.headers.authorization);
  if (who.ok) return who.principal;
  return { role: "student", name: `http ${req.socket.remoteAddress ?? "?"}` };
}

/** An empty body is `undefined`; anything else must be a JSON object under the size limit. */
async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new ActionError(413, "body_too_large", { max: MAX_BODY_BYTES });
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (!text) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ActionError(400, "malformed_json");
  }
  // `null ?? {}` would read as "no options": a body that is not an object is refused, not defaulted.
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    const got = body === null ? "null" : Array.isArray(body) ? "an array" : `a ${typeof body}`;
    throw new ActionError(400, "invalid_body", { detail: `must be a JSON object, got ${got}` });
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
