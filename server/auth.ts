import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Role } from "@/lib/types";

/** Who asks: the role comes from the token alone; what the role may do is lib/permissions.ts's business. */
export interface Principal {
  role: Role;
  name: string;
}

export type AuthResult =
  | { ok: true; principal: Principal }
  | { ok: false; status: 401; code: "unauthorized" | "invalid_token"; error: string };

/** The instructor's token (from DASHBOARD_TOKEN or generated once per start); everyone else is a student. */
export class Auth {
  readonly token: string;

  constructor(token: string | undefined) {
    this.token = token ?? randomBytes(18).toString("base64url");
  }

  /** A viewer: no token is a student; a wrong token is refused rather than silently downgraded. */
  identify(token: string | undefined | null, name?: string): AuthResult {
    if (!token) return { ok: true, principal: { role: "student", name: cleanName(name, "student") } };
    if (!this.matches(token))
      return { ok: false, status: 401, code: "invalid_token", error: "invalid token" };
    return { ok: true, principal: { role: "instructor", name: cleanName(name, "instructor") } };
  }

  /** `Authorization: Bearer <token>` for HTTP actions: a missing or wrong token is a 401. */
  fromBearer(header: string | undefined): AuthResult {
    const m = /^Bearer\s+(\S+)$/i.exec(header ?? "");
    if (!m) {
      return { ok: false, status: 401, code: "unauthorized", error: "missing Authorization: Bearer token" };
    }
    return this.identify(m[1]);
  }

  private matches(token: string): boolean {
    const a = Buffer.from(token);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}

export function cleanName(name: string | undefined, fallback: string): string {
  const n = (name ?? "")
    .replace(/[^\p{L}\p{N} ._-]/gu, "")
    .trim()
    .slice(0, 40);
  return n || fallback;
}
