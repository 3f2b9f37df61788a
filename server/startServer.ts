import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import next from "next";
import type { Config } from "@/lib/config";
import { type Interface, type JoinAddresses, lanUrls } from "@/lib/joinUrls";
import { Auth } from "./auth";
import { Engine } from "./engine";
import { Gate } from "./gate";
import { Room } from "./room";
import { attachHub } from "./hub";
import { handleApi } from "./http/api";
import { newNonce, securityHeaders } from "./http/securityHeaders";
import { createRateLimit } from "./rateLimit";

export interface RunningServer {
  url: string;
  /** The address it listens on (`0.0.0.0`: every interface) and its port. */
  host: string;
  port: number;
  /** Where students reach it (PUBLIC_URL, its LAN addresses): printed at start and sent to every browser. */
  join: JoinAddresses;
  token: string;
  engine: Engine;
  close(): Promise<void>;
}

/**
 * One process: the Next.js request handler, the JSON API and socket.io on one HTTP server, and the engine
 * behind them. `withNext: false` serves only the API and sockets (integration tests, benchmarks).
 */
export async function startServer(config: Config, opts: { withNext?: boolean; root?: string } = {}) {
  const withNext = opts.withNext ?? true;
  const auth = new Auth(config.token);
  const rateLimit = createRateLimit();
  const engine = await Engine.create(config);
  const gate = new Gate(engine.store, rateLimit);
  const room = new Room(engine.store);
  const app = withNext ? next({ dev: config.dev, dir: opts.root ?? process.cwd() }) : null;
  // Next prepares while the lab forms: both take seconds and neither needs the other.
  const started = Promise.all([engine.start(), app?.prepare()]);
  await started.catch(async (err) => {
    // A lab that failed half way still has redis-servers running: stop them before saying so.
    await engine.stop().catch(() => {});
    await app?.close().catch(() => {});
    throw err;
  });
  const handle = app?.getRequestHandler();

  const http = createServer((req, res) => {
    const nonce = newNonce();
    const headers = securityHeaders(nonce, config.dev);
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    // Next.js takes the nonce for its inline scripts from the request's CSP; a client's own is replaced.
    req.headers["content-security-policy"] = headers["content-security-policy"];
    delete req.headers["content-security-policy-report-only"];
    handleApi(req, res, { engine, auth, gate, room })
      .then((handled) => {
        if (handled) return;
        if (handle) return handle(req, res);
        res.writeHead(404).end();
      })
      .catch((err) => {
        console.error("request failed:", err);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
  });
  // Known once it listens (PORT=0 picks the port); no socket connects before that.
  let join: JoinAddresses = { publicUrl: config.publicUrl, lan: [] };
  const io = attachHub(http, { engine, auth, gate, room }, () => join);
  // socket.io answers its own polling requests before the handler above sees them.
  io.engine.on("headers", (h: Record<string, string>) => {
    Object.assign(h, securityHeaders(newNonce(), config.dev));
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(config.port, config.host, () => {
      http.off("error", reject);
      resolve();
    });
  }).catch(async (err) => {
    // EADDRINUSE: the port is another server's. Leave nothing running behind the error.
    await new Promise<void>((resolve) => io.close(() => resolve()));
    await engine.stop().catch(() => {});
    await app?.close().catch(() => {});
    throw new Error(`cannot listen on ${config.host}:${config.port}: ${(err as Error).message}`);
  });
  const { port } = http.address() as AddressInfo;
  const host = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
  join = { publicUrl: config.publicUrl, lan: lanUrls(config.host, port, interfaces()) };

  const running: RunningServer = {
    url: `http://${host}:${port}`,
    host: config.host,
    port,
    join,
    token: auth.token,
    engine,
    async close() {
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await engine.stop();
      await app?.close();
    },
  };
  return running;
}

function interfaces(): Interface[] {
  return Object.entries(networkInterfaces()).flatMap(([name, list]) =>
    (list ?? []).map((i) => ({ address: i.address, family: i.family, internal: i.internal, name })),
  );
}
