// Parsers for the text replies of CLUSTER NODES, CLUSTER INFO and INFO replication.
import type { ClusterNodeEntry, NodeRole, SlotMigration, SlotRange } from "./types";

const MAX_SLOT = 16383;

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

function toInt(value: string, what: string, line: string): number {
  const n = Number(value);
  if (value === "" || !Number.isInteger(n)) {
    throw new Error(`CLUSTER NODES: ${what} "${value}" is not an integer in line: ${line}`);
  }
  return n;
}

interface Address {
  ip: string;
  port: number;
  busPort: number;
  hostname: string | null;
}

function parseAddress(field: string, line: string): Address {
  // Redis 7 appends `,hostname`; nodes.conf-style `key=value` aux fields may follow and are not a hostname.
  const [hostPort, ...aux] = field.split(",");
  const hostname = aux.find((a) => a !== "" && !a.includes("=")) ?? null;
  const at = hostPort.indexOf("@");
  const ipPort = at >= 0 ? hostPort.slice(0, at) : hostPort;
  // The last colon, because IPv6 addresses are printed without brackets.
  const colon = ipPort.lastIndexOf(":");
  if (colon < 0) throw new Error(`CLUSTER NODES: address "${field}" has no port in line: ${line}`);
  const port = toInt(ipPort.slice(colon + 1), "port", line);
  // Pre-4.0 lines have no `@cport`; the bus port is then the data port + 10000.
  const busPort = at >= 0 ? toInt(hostPort.slice(at + 1), "bus port", line) : port + 10000;
  return { ip: ipPort.slice(0, colon), port, busPort, hostname };
}

function parseSlot(value: string, line: string): number {
  const n = toInt(value, "slot", line);
  if (n < 0 || n > MAX_SLOT) throw new Error(`CLUSTER NODES: slot ${n} out of range in line: ${line}`);
  return n;
}

const MIGRATION = /^\[(\d+)-([<>])-([^\]]+)\]$/;

function parseSlots(tokens: string[], line: string): { slots: SlotRange[]; migrations: SlotMigration[] } {
  const slots: SlotRange[] = [];
  const migrations: SlotMigration[] = [];
  for (const token of tokens) {
    const m = MIGRATION.exec(token);
    if (m) {
      migrations.push({
        slot: parseSlot(m[1], line),
        direction: m[2] === ">" ? "migrating" : "importing",
        nodeId: m[3],
      });
      continue;
    }
    const dash = token.indexOf("-");
    const from = parseSlot(dash < 0 ? token : token.slice(0, dash), line);
    const to = dash < 0 ? from : parseSlot(token.slice(dash + 1), line);
    if (to < from) throw new Error(`CLUSTER NODES: slot range ${token} is reversed in line: ${line}`);
    slots.push([from, to]);
  }
  return { slots, migrations };
}

function parseFlags(field: string): { role: NodeRole; flags: string[] } {
  // A node in handshake has no role flag yet; Redis itself treats any non-slave as a master.
  let role: NodeRole = "master";
  const flags: string[] = [];
  for (const flag of field.split(",")) {
    if (flag === "master") role = "master";
    else if (flag === "slave") role = "replica";
    else if (flag === "fail?") flags.push("pfail");
    else if (flag !== "noflags" && flag !== "") flags.push(flag);
  }
  return { role, flags };
}

export function parseClusterNodeLine(line: string): ClusterNodeEntry {
  const f = line.trim().split(/\s+/);
  if (f.length < 8) {
    throw new Error(`CLUSTER NODES: expected at least 8 fields, got ${f.length} in line: ${line}`);
  }
  const [id, address, flagField, master, pingSent, pongRecv, configEpoch, linkState, ...slotTokens] = f;
  if (linkState !== "connected" && linkState !== "disconnected") {
    throw new Error(
      `CLUSTER NODES: link state "${linkState}" is not connected/disconnected in line: ${line}`,
    );
  }
  const { role, flags } = parseFlags(flagField);
  return {
    id,
    ...parseAddress(address, line),
    flags,
    role,
    masterId: master === "-" ? null : master,
    pingSent: toInt(pingSent, "ping-sent", line),
    pongRecv: toInt(pongRecv, "pong-recv", line),
    configEpoch: toInt(configEpoch, "config-epoch", line),
    linkState,
    ...parseSlots(slotTokens, line),
  };
}

/** Parses a whole `CLUSTER NODES` reply; throws on the first malformed line. */
export function parseClusterNodes(text: string): ClusterNodeEntry[] {
  return lines(text).map(parseClusterNodeLine);
}

function keyValues(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of lines(text)) {
    if (line.startsWith("#")) continue;
    const colon = line.indexOf(":");
    if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1);
  }
  return fields;
}

function intOr(value: string | undefined, fallback: number): number {
  const n = value === undefined ? NaN : Number(value);
  return Number.isFinite(n) ? n : fallback;
}

export interface ClusterInfo {
  state: "ok" | "fail" | null;
  knownNodes: number;
  currentEpoch: number;
  slotsAssigned: number;
  size: number;
  fields: Record<string, string>;
}

export function parseClusterInfo(text: string): ClusterInfo {
  const fields = keyValues(text);
  const state = fields.cluster_state;
  return {
    state: state === "ok" || state === "fail" ? state : null,
    knownNodes: intOr(fields.cluster_known_nodes, 0),
    currentEpoch: intOr(fields.cluster_current_epoch, 0),
    slotsAssigned: intOr(fields.cluster_slots_assigned, 0),
    size: intOr(fields.cluster_size, 0),
    fields,
  };
}
