// The `presence` stream's wire form: who came, who left and whose tab count moved since the version the browser
// holds. The whole "who is here" list of a class is ~22 KB; sent whole on every change, a join storm of 300
// students cost every browser the square of the room.
import type { PresenceEntry } from "./protocol";

/** Version `version` of the presence list as a change of version `base`. */
export interface PresenceDelta {
  version: number;
  base: number;
  /** Entries that are new or changed, whole (an entry is three short fields). */
  upsert?: PresenceEntry[];
  /** Names no longer here. */
  removed?: string[];
}

/** The order "who is here" draws: instructors first, then by name. */
export function presenceOrder(a: PresenceEntry, b: PresenceEntry): number {
  if (a.role !== b.role) return a.role === "instructor" ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** What turns `a` (version `base`) into `b` (version `version`), keyed by name. */
export function presenceDelta(
  a: readonly PresenceEntry[],
  b: readonly PresenceEntry[],
  base: number,
  version: number,
): PresenceDelta {
  const before = new Map(a.map((e) => [e.name, e]));
  const after = new Set(b.map((e) => e.name));
  const d: PresenceDelta = { version, base };
  const upsert = b.filter((e) => !sameEntry(before.get(e.name), e));
  const removed = a.filter((e) => !after.has(e.name)).map((e) => e.name);
  if (upsert.length) d.upsert = upsert;
  if (removed.length) d.removed = removed;
  return d;
}

/** The list `d` makes of `a`, in presenceOrder; untouched entries keep their identity. */
export function applyPresenceDelta(a: readonly PresenceEntry[], d: PresenceDelta): PresenceEntry[] {
  if (!d.upsert && !d.removed) return a as PresenceEntry[];
  const byName = new Map(a.map((e) => [e.name, e]));
  for (const name of d.removed ?? []) byName.delete(name);
  for (const e of d.upsert ?? []) byName.set(e.name, e);
  return [...byName.values()].sort(presenceOrder);
}

function sameEntry(x: PresenceEntry | undefined, y: PresenceEntry): boolean {
  return x !== undefined && x.role === y.role && x.connections === y.connections;
}
