import { ActionError } from "./actions/actionError";

/** What a request costs: destructive or state-changing actions, or reads that touch every pod. */
export type RateKind = "action" | "heavy-read";

export interface RateRule {
  max: number;
  windowMs: number;
}

/**
 * A person clicks a few actions a minute and opens a plan or a pod's evidence a few times a second at most; a
 * script far more. Heavy reads are cheap now (served from the observed state, coalesced per pod), the limit keeps
 * one viewer from making them expensive again.
 */
export const RATE_RULES: Record<RateKind, RateRule> = {
  action: { max: 5, windowMs: 10_000 },
  "heavy-read": { max: 100, windowMs: 10_000 },
};

/** Who is counted: a person by role and name, whatever connection or request they come in on. */
export interface RatePrincipal {
  role: string;
  name: string;
}

/** Throws a 429 ActionError when the principal has used up `kind` in the current window; counts the request otherwise. */
export type RateLimit = (who: RatePrincipal, kind: RateKind) => void;

/** Above this many principals, those with nothing left in any window are forgotten. */
const PRUNE_ABOVE = 1000;

export function createRateLimit(rules: Record<RateKind, RateRule> = RATE_RULES, clock = Date.now): RateLimit {
  const hits = new Map<string, number[]>();
  return (who, kind) => {
    const now = clock();
    const rule = rules[kind];
    const key = `${kind}\u0000${who.role}\u0000${who.name}`;
    const recent = (hits.get(key) ?? []).filter((t) => now - t < rule.windowMs);
    if (recent.length >= rule.max) {
      hits.set(key, recent);
      const retryS = Math.ceil((rule.windowMs - (now - recent[0])) / 1000);
      throw new ActionError(429, "rate_limited", {
        kind,
        max: rule.max,
        seconds: rule.windowMs / 1000,
        retry: retryS,
      });
    }
    recent.push(now);
    hits.set(key, recent);
    if (hits.size > PRUNE_ABOVE) {
      for (const [k, ts] of hits) {
        const window = rules[k.split("\u0000")[0] as RateKind].windowMs;
        if (ts.every((t) => now - t >= window)) hits.delete(k);
      }
    }
  };
}
