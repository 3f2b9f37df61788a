// Lab B's part of the `labState` stream: what changed in the topology since the one the browser holds.
// A failover republishes the topology a dozen times in seconds, and between two of them most of its ~12 KB is
// the same (ids, addresses, slots); what moves is a few flags, roles and the read and ping/pong clocks.
import { jsonEqual } from "./jsonEqual";
import type { ClusterNodeEntry, NodeSummary, NodeView, Topology } from "./types";

/** The fields of an object that changed (or are new), and the optional ones it no longer has. */
export interface FieldPatch<T> {
  set?: Partial<T>;
  unset?: string[];
}

/** A keyed list's change: patches of new or changed items, keys that went, and the order when it moved. */
export interface ListDelta<P> {
  patch?: P[];
  removed?: string[];
  /** Every key in the new order; absent when it is the old order without the removed, then the new in order. */
  order?: string[];
}

export type NodePatch = { id: string } & FieldPatch<NodeSummary>;
export type EntryPatch = { id: string } & FieldPatch<ClusterNodeEntry>;
export type ViewPatch = { pod: string } & FieldPatch<Omit<NodeView, "entries">> & {
    entries?: ListDelta<EntryPatch>;
  };

/**
 * A topology as a change of the one before it (the stream's envelope, lib/labs/labStateDelta.ts, says which
 * version). `full` replaces the topology instead, for what a keyed change cannot say (two items with one key).
 */
export interface TopologyChange {
  clusterState?: Topology["clusterState"];
  nodes?: ListDelta<NodePatch>;
  views?: ListDelta<ViewPatch>;
  full?: Topology;
}

/** What turns `a` into `b`; `a` null: everything in `b` is new. */
export function topologyChange(a: Topology | null, b: Topology): TopologyChange {
  if (!uniqueKeys(b) || (a && !uniqueKeys(a))) return { full: b };
  const from: Topology = a ?? { nodes: [], clusterState: "unknown", views: [] };
  const d: TopologyChange = {};
  if (from.clusterState !== b.clusterState) d.clusterState = b.clusterState;
  const nodes = diffList(
    from.nodes,
    b.nodes,
    (n) => n.id,
    (x, y) => keyedPatch("id", x, y),
  );
  if (nodes) d.nodes = nodes;
  const views = diffList(from.views, b.views, (v) => v.pod, diffView);
  if (views) d.views = views;
  return d;
}

/** The topology `delta` makes of `a`; items it does not touch keep their identity (a panel need not redraw). */
export function applyTopologyChange(a: Topology, d: TopologyChange): Topology {
  if (d.full) return d.full;
  return {
    nodes: applyList(
      a.nodes,
      d.nodes,
      (n) => n.id,
      (x, p) => applyFields(x, p, { id: p.id }) as NodeSummary,
    ),
    clusterState: d.clusterState ?? a.clusterState,
    views: applyList(a.views, d.views, (v) => v.pod, applyView),
  };
}

function diffView(a: NodeView | undefined, b: NodeView): ViewPatch | null {
  const { entries: ea = [], ...restA } = a ?? ({} as Partial<NodeView>);
  const { entries: eb, ...restB } = b;
  const fields = diffFields(a ? restA : undefined, restB, "pod");
  const entries = diffList(
    ea,
    eb,
    (e) => e.id,
    (x, y) => keyedPatch("id", x, y),
  );
  if (!fields && !entries && a) return null;
  const p: ViewPatch = { pod: b.pod, ...fields };
  if (entries) p.entries = entries;
  return p;
}

function applyView(a: NodeView | undefined, p: ViewPatch): NodeView {
  const { entries: ea = [], ...rest } = a ?? ({} as Partial<NodeView>);
  const fields = applyFields(a ? rest : undefined, p, { pod: p.pod });
  const entries = applyList(
    ea,
    p.entries,
    (e) => e.id,
    (x, q) => applyFields(x, q, { id: q.id }),
  );
  return { ...fields, entries } as NodeView;
}

function keyedPatch<K extends string, T extends Record<K, string>>(
  key: K,
  a: T | undefined,
  b: T,
): ({ [k in K]: string } & FieldPatch<T>) | null {
  const fields = diffFields(a, b, key);
  if (!fields && a) return null;
  return { [key]: b[key], ...fields } as { [k in K]: string } & FieldPatch<T>;
}

/** Every field of `b` that `a` lacks or holds otherwise (values compared as JSON, which is what they are). */
function diffFields<T extends object>(a: T | undefined, b: T, skip: string): FieldPatch<T> | null {
  const bb = b as Record<string, unknown>;
  const aa = (a ?? {}) as Record<string, unknown>;
  const set: Record<string, unknown> = {};
  const unset: string[] = [];
  for (const k of Object.keys(bb)) {
    if (k === skip || bb[k] === undefined) continue;
    if (!a || !jsonEqual(aa[k], bb[k])) set[k] = bb[k];
  }
  for (const k of Object.keys(aa)) {
    if (k !== skip && aa[k] !== undefined && bb[k] === undefined) unset.push(k);
  }
  if (Object.keys(set).length === 0 && unset.length === 0) return null;
  const p: FieldPatch<T> = {};
  if (Object.keys(set).length) p.set = set as Partial<T>;
  if (unset.length) p.unset = unset;
  return p;
}

function applyFields<T extends object>(a: T | undefined, p: FieldPatch<T>, key: Partial<T>): T {
  if (a && !p.set && !p.unset) return a;
  const out = { ...(a ?? {}), ...key, ...p.set } as Record<string, unknown>;
  for (const k of p.unset ?? []) delete out[k];
  return out as T;
}

function diffList<T, P>(
  a: T[],
  b: T[],
  key: (t: T) => string,
  diffItem: (a: T | undefined, b: T) => P | null,
): ListDelta<P> | null {
  const before = new Map(a.map((x) => [key(x), x]));
  const after = new Set(b.map(key));
  const patch: P[] = [];
  for (const y of b) {
    const p = diffItem(before.get(key(y)), y);
    if (p) patch.push(p);
  }
  const removed = [...before.keys()].filter((k) => !after.has(k));
  const order = b.map(key);
  const implied = [...before.keys()].filter((k) => after.has(k)).concat(order.filter((k) => !before.has(k)));
  const moved = !jsonEqual(order, implied);
  if (patch.length === 0 && removed.length === 0 && !moved) return null;
  const d: ListDelta<P> = {};
  if (patch.length) d.patch = patch;
  if (removed.length) d.removed = removed;
  if (moved) d.order = order;
  return d;
}

function applyList<T, P extends object>(
  a: T[],
  d: ListDelta<P> | undefined,
  key: (t: T) => string,
  applyItem: (a: T | undefined, p: P) => T,
): T[] {
  if (!d) return a;
  const items = new Map(a.map((x) => [key(x), x]));
  const added: string[] = [];
  for (const p of d.patch ?? []) {
    const next = applyItem(items.get(patchKey(p)), p);
    if (!items.has(key(next))) added.push(key(next));
    items.set(key(next), next);
  }
  for (const k of d.removed ?? []) items.delete(k);
  const order = d.order ?? [...a.map(key).filter((k) => items.has(k)), ...added];
  return order.map((k) => items.get(k)).filter((x): x is T => x !== undefined);
}

function patchKey(p: object): string {
  const r = p as { id?: string; pod?: string };
  return r.id ?? r.pod ?? "";
}

function uniqueKeys(t: Topology): boolean {
  const unique = (keys: string[]) => new Set(keys).size === keys.length;
  return (
    unique(t.nodes.map((n) => n.id)) &&
    unique(t.views.map((v) => v.pod)) &&
    t.views.every((v) => unique(v.entries.map((e) => e.id)))
  );
}
