// Where a room can reach the dashboard. A student's phone cannot open the instructor's "localhost", so the
// server tells the browser its LAN addresses (or the PUBLIC_URL a proxy or NodePort serves it at) and the join
// code names one of those. Pure: the interfaces and the page's address are passed in.

export interface Interface {
  address: string;
  family: string | number;
  internal: boolean;
  /** The interface's name (`eth0`, `docker0`): bridges of containers and VMs are not the room's network. */
  name?: string;
}

/** What the server knows of its own reachable addresses; it travels to the browser in the session. */
export interface JoinAddresses {
  /** PUBLIC_URL: the one address to give students, whatever else is true. */
  publicUrl: string | null;
  /** Base URLs (no trailing slash) of every non-loopback IPv4 it listens on, the room's network first. */
  lan: string[];
}

// Container and VM bridges: reachable from this machine only, so a phone on the wifi cannot use them.
const VIRTUAL = /^(docker|br-|veth|virbr|vmnet|vboxnet|cni|flannel|cali|lxc|lxd|tun|tap|utun|zt)/;

/** The LAN base URLs of a server listening on `listenHost:port`: one address, or every IPv4 for `0.0.0.0`/`::`. */
export function lanUrls(listenHost: string, port: number, interfaces: Interface[]): string[] {
  if (listenHost !== "0.0.0.0" && listenHost !== "::") {
    return isLoopbackHost(listenHost) ? [] : [`http://${hostInUrl(listenHost)}:${port}`];
  }
  const lan = interfaces.filter((i) => (i.family === "IPv4" || i.family === 4) && !i.internal);
  const rank = (i: Interface) => (i.name && VIRTUAL.test(i.name) ? 1 : 0);
  // A stable sort keeps the system's own order within each rank.
  const sorted = [...lan].sort((a, b) => rank(a) - rank(b));
  return [...new Set(sorted.map((i) => `http://${i.address}:${port}`))];
}

/** The student URLs the server prints at start: PUBLIC_URL alone, else the LAN ones, then its own. */
export function printedStudentUrls(join: JoinAddresses, ownUrl: string): string[] {
  if (join.publicUrl) return [withSlash(join.publicUrl)];
  return [...new Set([...join.lan, ownUrl])].map(withSlash);
}

/**
 * The address the join code and the text under it give: PUBLIC_URL; else the page's own address when it was
 * opened at one the room can reach; else the server's first LAN address with the page's path; else the page's
 * own (a server on loopback only: nothing better exists). Never the query, which holds the instructor's token.
 */
export function studentJoinUrl(
  page: { origin: string; pathname: string },
  join: JoinAddresses | null,
): string {
  if (join?.publicUrl) return withSlash(join.publicUrl);
  const own = page.origin + page.pathname;
  if (!isLoopbackHost(new URL(page.origin).hostname)) return own;
  const lan = join?.lan[0];
  return lan ? lan + page.pathname : own;
}

/** `localhost`, `*.localhost`, 127.0.0.0/8, `::1`: names only this machine can open. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h.endsWith(".localhost") || /^127\.\d+\.\d+\.\d+$/.test(h) || h === "::1";
}

function hostInUrl(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

function withSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}
