import { OPERATIONS, type Operation, type Person, refusal } from "@/lib/permissions";
import { ActionError } from "./actions/actionError";
import type { RateLimit } from "./rateLimit";
import type { Store } from "./store";

/**
 * The one door of every socket intent and HTTP route: limited per person, then authorised by the table of
 * lib/permissions.ts against the grants the instructor has given right now. Nothing else decides who may act.
 */
export class Gate {
  constructor(
    private readonly store: Store,
    private readonly rateLimit: RateLimit,
  ) {}

  check(who: Person, op: Operation, payload: unknown): void {
    const rule = OPERATIONS[op];
    // The instructor holds the token and drives the lesson (and scripts it); the limits are for the room.
    if (rule.cost !== "free" && who.role !== "instructor") this.rateLimit(who, rule.cost);
    const action = rule.needs(payload);
    const no = action === null ? null : refusal(who, action, this.store.grants);
    if (no) throw new ActionError(403, no.code, no.params);
  }
}
