import { describe, expect, it } from "vitest";
import { isLoopbackHost, lanUrls, printedStudentUrls, studentJoinUrl } from "./joinUrls";

const ifaces = [
  { address: "127.0.0.1", family: "IPv4", internal: true, name: "lo" },
  { address: "172.17.0.1", family: "IPv4", internal: false, name: "docker0" },
  { address: "192.168.0.12", family: "IPv4", internal: false, name: "wlan0" },
  { address: "fe80::1", family: "IPv6", internal: false, name: "wlan0" },
  { address: "10.8.0.3", family: 4, internal: false, name: "eth1" },
];

describe("lanUrls", () => {
  it("lists every non-loopback IPv4 when listening on all addresses, container bridges last", () => {
    expect(lanUrls("0.0.0.0", 3000, ifaces)).toEqual([
      "http://192.168.0.12:3000",
      "http://10.8.0.3:3000",
      "http://172.17.0.1:3000",
    ]);
    expect(lanUrls("::", 3000, ifaces)[0]).toBe("http://192.168.0.12:3000");
  });

  it("gives the one address a server bound to one LAN address listens on, and none for loopback", () => {
    expect(lanUrls("192.168.0.12", 3210, ifaces)).toEqual(["http://192.168.0.12:3210"]);
    expect(lanUrls("127.0.0.1", 3210, ifaces)).toEqual([]);
    expect(lanUrls("localhost", 3210, ifaces)).toEqual([]);
  });

  it("is empty on a machine with only loopback", () => {
    expect(lanUrls("0.0.0.0", 3000, [ifaces[0]])).toEqual([]);
  });
});

describe("printedStudentUrls", () => {
  it("prints the LAN addresses, then the server's own", () => {
    expect(
      printedStudentUrls({ publicUrl: null, lan: ["http://192.168.0.12:3000"] }, "http://localhost:3000"),
    ).toEqual(["http://192.168.0.12:3000/", "http://localhost:3000/"]);
  });

  it("prints only PUBLIC_URL when it is set", () => {
    const join = { publicUrl: "https://lab.example.org/failover", lan: ["http://192.168.0.12:3000"] };
    expect(printedStudentUrls(join, "http://localhost:3000")).toEqual(["https://lab.example.org/failover/"]);
  });
});

describe("studentJoinUrl", () => {
  const lan = { publicUrl: null, lan: ["http://192.168.0.12:3000", "http://10.8.0.3:3000"] };

  it("gives the server's first LAN address to a page opened at localhost or a loopback IP", () => {
    expect(studentJoinUrl({ origin: "http://localhost:3000", pathname: "/" }, lan)).toBe(
      "http://192.168.0.12:3000/",
    );
    expect(studentJoinUrl({ origin: "http://127.0.0.1:3000", pathname: "/" }, lan)).toBe(
      "http://192.168.0.12:3000/",
    );
  });

  it("keeps the address a page was opened at when the room can reach it", () => {
    expect(studentJoinUrl({ origin: "http://10.8.0.3:3000", pathname: "/" }, lan)).toBe(
      "http://10.8.0.3:3000/",
    );
    expect(studentJoinUrl({ origin: "http://bastion.lan:3000", pathname: "/" }, lan)).toBe(
      "http://bastion.lan:3000/",
    );
  });

  it("gives PUBLIC_URL over any address", () => {
    const join = { publicUrl: "http://203.0.113.7:32080", lan: lan.lan };
    expect(studentJoinUrl({ origin: "http://10.8.0.3:3000", pathname: "/" }, join)).toBe(
      "http://203.0.113.7:32080/",
    );
    expect(studentJoinUrl({ origin: "http://localhost:3000", pathname: "/" }, join)).toBe(
      "http://203.0.113.7:32080/",
    );
  });

  it("falls back to the page's own address when the server knows no other, or has not said yet", () => {
    const page = { origin: "http://localhost:3000", pathname: "/" };
    expect(studentJoinUrl(page, { publicUrl: null, lan: [] })).toBe("http://localhost:3000/");
    expect(studentJoinUrl(page, null)).toBe("http://localhost:3000/");
  });
});

describe("isLoopbackHost", () => {
  it("knows the names only this machine can open", () => {
    for (const h of ["localhost", "app.localhost", "127.0.0.1", "127.42.2.76", "::1", "[::1]"]) {
      expect(isLoopbackHost(h), h).toBe(true);
    }
    for (const h of ["192.168.0.12", "10.8.0.3", "lab.example.org", "fd00::2"]) {
      expect(isLoopbackHost(h), h).toBe(false);
    }
  });
});
