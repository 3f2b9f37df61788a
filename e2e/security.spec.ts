import { connect } from "node:net";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { E2E_PORT, E2E_TOKEN } from "../playwright.config";

/** What the browser refused or failed to run: console errors, uncaught errors and CSP violation reports. */
function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}

async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

/** fetch() cannot send a request-target that is not a URL. */
function rawStatusLine(requestLine: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(E2E_PORT, "127.0.0.1", () => {
      socket.write(`${requestLine}\r\nHost: 127.0.0.1:${E2E_PORT}\r\nConnection: close\r\n\r\n`);
    });
    let data = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (data += chunk));
    socket.on("error", reject);
    socket.on("end", () => resolve(data.split("\r\n")[0]));
  });
}

test("the page carries the security headers and works under its CSP", async ({ page }) => {
  const errors = watchForErrors(page);
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push(
        `${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
      ),
    );
  });

  const res = await page.goto(`/?token=${E2E_TOKEN}&name=e2e`);
  const headers = res!.headers();
  const csp = headers["content-security-policy"];
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src [^;]*'nonce-[^']+' 'strict-dynamic'/);
  expect(csp).not.toMatch(/script-src [^;]*'unsafe-inline'/);
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-content-type-options"]).toBe("nosniff");

  // Scripts ran (hydration), the socket connected (connect-src) and the instructor may act.
  await expect(page.getByTestId("pod-table").locator('[data-testid^="pod-row-"]')).toHaveCount(6, {
    timeout: 30_000,
  });
  await expect(page.getByTestId("delete-pod-ds-redis-redis-cluster-0")).toBeEnabled();
  await expect(page.getByTestId("lane-a-cluster")).toHaveAttribute("data-last-outcome", /ok|nil|error/);
  // The token left the address bar, so neither the projector nor a Referer shows it.
  await expect(page).not.toHaveURL(/token=/);
  // The header names the lab's data dir relative to the server's directory, never its absolute path.
  await expect(page.locator("body")).toContainText("local:.data/e2e");
  await expect(page.locator("body")).not.toContainText(path.resolve(".data/e2e"));

  expect(await cspViolations(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test("every page load gets its own nonce", async ({ request }) => {
  const nonceOf = async () => {
    const res = await request.get("/");
    const nonce = /'nonce-([^']+)'/.exec(res.headers()["content-security-policy"] ?? "")?.[1];
    expect(nonce).toBeTruthy();
    // Next.js put the response's own nonce on its scripts, or they would not run.
    expect(await res.text()).toContain(`nonce="${nonce}"`);
    return nonce;
  };
  expect(await nonceOf()).not.toBe(await nonceOf());
});

test("the dashboard refuses to be framed", async ({ page }) => {
  // A framing page, answered by the test itself (a page of another origin would also meet Chromium's
  // private-network block for loopback frames, which would hide whether our headers refuse it).
  await page.route("**/framer", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<iframe name="victim" onload="window.loaded = true" src="/"></iframe>`,
    }),
  );
  await page.goto("/framer");
  await page.waitForFunction(() => (window as unknown as { loaded?: boolean }).loaded === true);
  const frame = page.frame({ name: "victim" });
  // Framed, the server-rendered HTML alone would show the pod table (with its delete buttons).
  const shown = await frame?.evaluate(() => document.querySelectorAll('[data-testid="pod-table"]').length);
  expect(shown ?? 0).toBe(0);
});

test("a request-target of * is a 400 from the server, not a 500 from Next.js", async ({ request }) => {
  expect(await rawStatusLine("GET * HTTP/1.1")).toBe("HTTP/1.1 400 Bad Request");
  expect(await rawStatusLine("OPTIONS * HTTP/1.1")).toBe("HTTP/1.1 400 Bad Request");
  // An absolute-form target (as proxies send) is served, not redirected to itself.
  expect(await rawStatusLine(`GET http://127.0.0.1:${E2E_PORT}/ HTTP/1.1`)).toBe("HTTP/1.1 200 OK");
  for (const p of ["/%ZZ", "/%E0%A4%A", "/_next/%"]) {
    expect((await request.get(p)).status(), p).toBeLessThan(500);
  }
});
