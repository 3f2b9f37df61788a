// Who may do what, in one table for every socket intent and HTTP route (issue 10). The server enforces it
// (server/gate.ts); the browser runs the same pure functions only to mirror it, hiding or disabling what the
// server would refuse and saying why.
import type { Role } from "./types";

/** What a student can be allowed to do, per action, by the instructor. */
export const GRANTABLE = ["delete", "crash", "fault", "repair", "write", "reset"] as const;
export type GrantableAction = (typeof GRANTABLE)[number];
/** Only the instructor, whatever the grants say. */
export type InstructorAction = "autoRepair" | "grant" | "switchLab" | "predict" | "guide";
export type Action = GrantableAction | InstructorAction;

export interface Grants {
  /** Allowed to every student. */
  everyone: GrantableAction[];
  /** Allowed to one named student ("hand the mouse to 민지"). */
  people: Record<string, GrantableAction[]>;
}

export const NO_GRANTS: Grants = { everyone: [], people: {} };

export interface Person {
  role: Role;
  name: string;
}

export function isGrantable(a: Action): a is GrantableAction {
  return (GRANTABLE as readonly string[]).includes(a);
}

/** The one rule: the instructor may do everything; a student what was granted to everyone or to them by name. */
export function may(who: Person, action: Action, grants: Grants): boolean {
  if (who.role === "instructor") return true;
  if (!isGrantable(action)) return false;
  return grants.everyone.includes(action) || (grants.people[who.name] ?? []).includes(action);
}

/** Every action and whether `who` may do it now: what a browser mirrors. */
export function permissionsOf(who: Person, grants: Grants): Record<Action, boolean> {
  const all: Action[] = [...GRANTABLE, "autoRepair", "grant", "switchLab", "predict", "guide"];
  return Object.fromEntries(all.map((a) => [a, may(who, a, grants)])) as Record<Action, boolean>;
}

/** True when the instructor has handed `action` to any student (everyone or one by name). */
export function anyoneMay(grants: Grants, action: GrantableAction): boolean {
  return grants.everyone.includes(action) || Object.values(grants.people).some((l) => l.includes(action));
}

/** Why `who` may not do `action` now, as the server's refusal code says it (null: allowed). */
export function refusal(
  who: Person,
  action: Action,
  grants: Grants,
): { code: "not_granted" | "forbidden"; params: { action: Action } } | null {
  if (may(who, action, grants)) return null;
  // "Not allowed yet" only for what the instructor could hand over; the rest is the instructor's alone.
  return {
    code: who.role === "student" && isGrantable(action) ? "not_granted" : "forbidden",
    params: { action },
  };
}

export interface GrantChange {
  action: GrantableAction;
  to: "everyone" | string;
  allowed: boolean;
}

/** The grants after one change; a person with nothing left is dropped, so the list stays what it shows. */
export function applyGrant(grants: Grants, change: GrantChange): Grants {
  const edit = (list: GrantableAction[]) =>
    change.allowed
      ? [...new Set([...list, change.action])].sort((a, b) => GRANTABLE.indexOf(a) - GRANTABLE.indexOf(b))
      : list.filter((a) => a !== change.action);
  if (change.to === "everyone") return { ...grants, everyone: edit(grants.everyone) };
  const people = { ...grants.people, [change.to]: edit(grants.people[change.to] ?? []) };
  if (people[change.to].length === 0) delete people[change.to];
  return { ...grants, people };
}

/** What an operation costs against the per-person limit (server/rateLimit.ts). */
export type Cost = "action" | "heavy-read" | "free";

export interface OperationRule {
  /** The action it needs, from its payload (a delete with `mode: "crash"` needs `crash`); null: anyone may. */
  needs: (payload: unknown) => Action | null;
  cost: Cost;
}

const modeOf = (payload: unknown) =>
  typeof payload === "object" && payload !== null && (payload as { mode?: unknown }).mode === "crash"
    ? "crash"
    : "delete";

/**
 * Every operation a browser or a script can ask for, by name; socket intents (lib/protocol.ts EVENTS) and HTTP
 * routes (server/http/api.ts) both name one of these, so both go through the same check.
 */
export const OPERATIONS = {
  deletePod: { needs: modeOf, cost: "action" },
  repairPlan: { needs: (_: unknown): Action | null => null, cost: "heavy-read" },
  repairExecute: { needs: (_: unknown): Action => "repair", cost: "action" },
  autoRepair: { needs: (_: unknown): Action => "autoRepair", cost: "action" },
  resetLab: { needs: (_: unknown): Action => "reset", cost: "action" },
  evidence: { needs: (_: unknown): Action | null => null, cost: "heavy-read" },
  setGrant: { needs: (_: unknown): Action => "grant", cost: "free" },
  readGrants: { needs: (_: unknown): Action => "grant", cost: "free" },
  resync: { needs: (_: unknown): Action | null => null, cost: "heavy-read" },
  // A SET is not destructive: counted as a read, so the seed's three writes in a row are never refused.
  setKey: { needs: (_: unknown): Action => "write", cost: "heavy-read" },
  switchLab: { needs: (_: unknown): Action => "switchLab", cost: "action" },
  // Putting a question to the room and closing it are the lesson's steps, the instructor's alone.
  predictionOpen: { needs: (_: unknown): Action => "predict", cost: "action" },
  predictionClose: { needs: (_: unknown): Action => "predict", cost: "action" },
  // Anyone in the room answers; changing one's mind is cheap, so it is counted like a read, not a delete.
  predictionAnswer: { needs: (_: unknown): Action | null => null, cost: "heavy-read" },
  // The instructor moves the whole room to a step of the lab guide; students follow it.
  setGuideStep: { needs: (_: unknown): Action => "guide", cost: "free" },
} as const satisfies Record<string, OperationRule>;

export type Operation = keyof typeof OPERATIONS;
