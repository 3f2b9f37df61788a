// The addresses a room can reach the dashboard at: every non-loopback IPv4 of the machine when it listens on
// all of them, since a student's laptop cannot open "localhost". Pure: the interfaces are passed in.

export interface Interface {
  address: string;
  family: string | number;
  internal: boolean;
}

/** Base URLs (no trailing slash) for the listen host and port; the server's own URL when it listens on one address. */
export function joinUrls(
  listenHost: string,
  port: number,
  interfaces: Interface[],
  ownUrl: string,
): string[] {
  if (listenHost !== "0.0.0.0" && listenHost !== "::") return [ownUrl];
  const lan = interfaces
    .filter((i) => (i.family === "IPv4" || i.family === 4) && !i.internal)
    .map((i) => `http://${i.address}:${port}`);
  return [...new Set([...lan, ownUrl])];
}
