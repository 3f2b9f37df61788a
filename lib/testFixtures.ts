// Test fixtures: pods and per-pod cluster views built from `CLUSTER NODES` text pasted from the seed.
// Deliberately a small parser of its own, so planner tests do not depend on the production parser.
import type { LabInfo } from "./protocol";
import type { ClusterNodeEntry, NodeView, PodState, SlotRange } from "./types";

export const T0 = Date.UTC(2024, 2, 10, 4, 30, 0);

/** One `CLUSTER NODES` line -> entry. Accepts the real format (`id ip:port@bus flags master ping pong epoch link slots…`). */
export function fixtureEntry(line: string): ClusterNodeEntry {
  const parts = line.trim().split(/\s+/);
  if (parts.length < 8) throw new Error(`fixture line has too few fields: ${line}`);
  const [id, addr, rawFlags, master, ping, pong, epoch, link, ...slotParts] = parts;
  const m = /^(.*):(\d+)@(\d+)(?:,(.*))?$/.exec(addr);
  if (!m) throw new Error(`bad address in fixture: ${addr}`);
  let role: ClusterNodeEntry["role"] = "master";
  const flags: string[] = [];
  for (const f of rawFlags.split(",")) {
    if (f === "master") role = "master";
    else if (f === "slave" || f === "replica") role = "replica";
    else if (f === "fail?") flags.push("pfail");
    else if (f !== "noflags" && f !== "-") flags.push(f);
  }
  const slots: SlotRange[] = slotParts
    .filter((s) => !s.startsWith("["))
    .map((s) => {
      const [a, b] = s.split("-").map(Number);
      return [a, b ?? a];
    });
  return {
    id,
    ip: m[1],
    port: Number(m[2]),
    busPort: Number(m[3]),
    hostname: m[4] || null,
    flags,
    role,
    masterId: master === "-" ? null : master,
    pingSent: Number(ping),
    pongRecv: Number(pong),
    configEpoch: Number(epoch),
    linkState: link === "connected" ? "connected" : "disconnected",
    slots,
    migrations: [],
  };
}

export function fixtureEntries(text: string): ClusterNodeEntry[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map(fixtureEntry);
}

export function fixturePod(name: string, ip: string | null, over: Partial<PodState> = {}): PodState {
  return {
    name,
    ip,
    phase: ip === null ? "Pending" : "Running",
    ready: ip !== null,
    readyReason: null,
    restarts: 0,
    createdAt: T0 - 3_600_000,
    node: "node-1",
    ...over,
  };
}

/**
 * The view of the pod at `ip`: the given entries with `myself` moved onto that pod's own entry.
 * Lets one pasted `CLUSTER NODES` output stand for what every member of the cluster sees.
 */
export function fixtureView(
  pod: string,
  ip: string,
  entries: ClusterNodeEntry[],
  over: Partial<NodeView> = {},
): NodeView {
  const own = entries.find((e) => e.ip === ip && !e.flags.includes("fail") && !e.flags.includes("pfail"));
  const mine = entries.map((e) => {
    const flags = e.flags.filter((f) => f !== "myself");
    return {
      ...e,
      flags: e === own ? ["myself", ...flags] : flags,
      slots: e.slots.map((r) => [...r] as SlotRange),
    };
  });
  const allSlotsCovered =
    entries.reduce((n, e) => n + e.slots.reduce((k, [a, b]) => k + b - a + 1, 0), 0) === 16384;
  return {
    pod,
    ip,
    reachable: true,
    error: null,
    myId: own?.id ?? null,
    clusterState: own && mine.length > 1 && allSlotsCovered ? "ok" : "fail",
    knownNodes: mine.length,
    currentEpoch: Math.max(0, ...mine.map((e) => e.configEpoch)),
    entries: mine,
    at: T0,
    ...over,
  };
}

/** A pod that restarted without `nodes.conf`: an empty master that knows only itself. */
export function fixtureLoneView(pod: string, ip: string, id: string): NodeView {
  return fixtureView(pod, ip, [fixtureEntry(`${id} ${ip}:6379@16379 myself,master - 0 0 0 connected`)]);
}

/** Every listed pod's view of one shared `CLUSTER NODES` text. */
export function fixtureViews(pods: PodState[], text: string): NodeView[] {
  const entries = fixtureEntries(text);
  return pods.filter((p) => p.ip !== null).map((p) => fixtureView(p.name, p.ip!, entries));
}

/** The lab as the server describes it, with the seed's keys and both probe lanes. */
export function fixtureLab(over: Partial<LabInfo> = {}): LabInfo {
  return {
    platform: "local",
    lab: "cluster",
    scope: "local",
    keys: ["a", "b", "c"],
    lanes: ["cluster", "fresh"],
    probeIntervalMs: 200,
    nodeTimeoutMs: 15_000,
    requireFullCoverage: true,
    startedAt: 0,
    ...over,
  };
}
