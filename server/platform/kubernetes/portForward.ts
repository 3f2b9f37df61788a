import net from "node:net";
import { Writable } from "node:stream";
import { PortForward, type KubeConfig } from "@kubernetes/client-node";
import type { RedisAddress } from "../types";

/** Opens one tunnel from a local socket to a pod's port; resolves when the tunnel is up. */
export type TunnelConnector = (podName: string, port: number, socket: net.Socket) => Promise<void>;

/** An ioredis `natMap` function: pod address `ip:port` -> the forwarded local address. */
export type NatMapFunction = (key: string) => RedisAddress | null;

/**
 * The real tunnel: a `pods/portforward` WebSocket per TCP connection (what `kubectl port-forward` does).
 * The client library neither closes the socket when the WebSocket closes nor the reverse; we do both.
 */
export function kubePortForwardConnector(kc: KubeConfig, namespace: string): TunnelConnector {
  const pf = new PortForward(kc, true);
  return async (podName, port, socket) => {
    const errors = new Writable({
      write(chunk: Buffer, _enc, cb) {
        // The error channel of a port-forward carries messages like "connection refused" from the kubelet.
        socket.destroy(new Error(chunk.toString("utf8")));
        cb();
      },
    });
    const ws = (await pf.portForward(namespace, podName, [port], socket, errors, socket)) as unknown as {
      close(): void;
      on?(event: string, cb: () => void): void;
      readyState?: number;
    };
    ws.on?.("close", () => socket.destroy());
    ws.on?.("error", () => socket.destroy());
    socket.on("close", () => ws.close());
  };
}

interface Forward {
  key: string;
  server: net.Server;
  port: number;
  sockets: Set<net.Socket>;
}

/**
 * Local ports for pod addresses, so Redis can be reached where pod IPs are not routable.
 *
 * `resolve()` is synchronous (the Platform interface), but binding a port is not; so a few listening
 * sockets are kept bound in advance and one is handed out when a new pod address is first asked for. Each
 * listener is tied to a pod IP, not a pod name: the pod that has that IP is looked up per connection, so a
 * pod recreated with a new IP gets a new local port, and a ghost IP (a failed node's old address) is refused
 * like a dead address would be.
 */
export class PortForwardPool {
  private spares: { server: net.Server; port: number }[] = [];
  private forwards = new Map<string, Forward>();
  private refilling = false;
  private stopped = false;

  constructor(
    private readonly connector: TunnelConnector,
    private readonly podForIp: (ip: string) => string | null,
    private readonly spareCount = 8,
  ) {}

  async start(): Promise<void> {
    await this.refill();
  }

  resolve(podIp: string, port: number): RedisAddress {
    const key = `${podIp}:${port}`;
    const existing = this.forwards.get(key);
    if (existing) return { host: "127.0.0.1", port: existing.port };
    const spare = this.spares.shift();
    if (!spare) throw new Error(`port-forward: no local port ready for ${key} yet; try again`);
    const fwd: Forward = { key, server: spare.server, port: spare.port, sockets: new Set() };
    spare.server.removeAllListeners("connection");
    spare.server.on("connection", (socket) => this.accept(fwd, podIp, port, socket));
    this.forwards.set(key, fwd);
    void this.refill();
    return { host: "127.0.0.1", port: fwd.port };
  }

  /** For ioredis `natMap`: maps the pod addresses Redis reports (CLUSTER SLOTS/NODES, MOVED) to local ports. */
  natMap(): NatMapFunction {
    return (key) => {
      const i = key.lastIndexOf(":");
      const host = key.slice(0, i);
      const port = Number(key.slice(i + 1));
      if (!host || !Number.isInteger(port) || host.startsWith("127.")) return null;
      try {
        return this.resolve(host, port);
      } catch {
        return null;
      }
    };
  }

  /** Closes the listeners of addresses no pod has any more (called on pod changes). */
  prune(liveIps: Set<string>) {
    for (const [key, f] of this.forwards) {
      const ip = key.slice(0, key.lastIndexOf(":"));
      if (liveIps.has(ip)) continue;
      // Kept while connections are open: ioredis may still be reading an error from it.
      if (f.sockets.size > 0) continue;
      f.server.close();
      this.forwards.delete(key);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const servers = [
      ...this.spares.map((s) => s.server),
      ...[...this.forwards.values()].map((f) => f.server),
    ];
    for (const f of this.forwards.values()) for (const s of f.sockets) s.destroy();
    this.spares = [];
    this.forwards.clear();
    await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  }

  private accept(fwd: Forward, podIp: string, port: number, socket: net.Socket) {
    fwd.sockets.add(socket);
    socket.on("close", () => fwd.sockets.delete(socket));
    socket.on("error", () => undefined);
    const pod = this.podForIp(podIp);
    if (!pod) {
      socket.destroy();
      return;
    }
    // Data written by the client before the tunnel is up stays buffered in the socket until it is piped.
    socket.pause();
    this.connector(pod, port, socket).then(
      () => socket.resume(),
      () => socket.destroy(),
    );
  }

  private async refill(): Promise<void> {
    if (this.refilling) return;
    this.refilling = true;
    try {
      while (!this.stopped && this.spares.length < this.spareCount) {
        const server = net.createServer();
        await new Promise<void>((resolve, reject) => {
          server.once("error", reject);
          server.listen(0, "127.0.0.1", () => resolve());
        });
        server.on("connection", (s) => s.destroy());
        if (this.stopped) server.close();
        else this.spares.push({ server, port: (server.address() as net.AddressInfo).port });
      }
    } finally {
      this.refilling = false;
    }
  }
}
