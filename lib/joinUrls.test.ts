import { describe, expect, it } from "vitest";
import { joinUrls } from "./joinUrls";

const ifaces = [
  { address: "127.0.0.1", family: "IPv4", internal: true },
  { address: "192.168.0.12", family: "IPv4", internal: false },
  { address: "fe80::1", family: "IPv6", internal: false },
  { address: "10.8.0.3", family: 4, internal: false },
];

describe("joinUrls", () => {
  it("lists every LAN IPv4 when listening on all addresses, then the local URL", () => {
    expect(joinUrls("0.0.0.0", 3000, ifaces, "http://localhost:3000")).toEqual([
      "http://192.168.0.12:3000",
      "http://10.8.0.3:3000",
      "http://localhost:3000",
    ]);
  });

  it("gives only the one address a server bound to one address can be reached at", () => {
    expect(joinUrls("127.0.0.1", 3210, ifaces, "http://127.0.0.1:3210")).toEqual(["http://127.0.0.1:3210"]);
  });
});
