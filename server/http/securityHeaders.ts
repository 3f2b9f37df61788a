import { randomBytes } from "node:crypto";

/**
 * The policy of every response. Next.js App Router pages bootstrap with inline scripts
 * (`self.__next_f.push(…)`) and load their chunks from scripts: a per-request nonce with 'strict-dynamic'
 * allows exactly those (Next puts the nonce on its scripts when it finds it in the request's CSP header).
 * Styles keep 'unsafe-inline': React renders `style="…"` attributes into the server HTML (charts, slot map),
 * which a nonce cannot cover; an injected style cannot run code. socket.io upgrades to a WebSocket on the
 * page's own host, which 'self' does not match in every browser, hence ws:/wss:.
 */
export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  // React's development build evaluates strings for its stack traces; never in production.
  const devEval = dev ? " 'unsafe-eval'" : "";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${devEval}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self' ws: wss:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/** Headers for every response, HTML or JSON: no framing (a delete button must not be clickjacked), no
 *  Referer (the instructor's URL carries `?token=`), no MIME sniffing. */
export function securityHeaders(nonce: string, dev: boolean): Record<string, string> {
  return {
    "content-security-policy": contentSecurityPolicy(nonce, dev),
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
  };
}
