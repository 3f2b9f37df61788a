import { networkInterfaces } from "node:os";
import path from "node:path";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { E2E_PORT, E2E_TOKEN } from "../playwright.config";
import { FAILOVER_BUDGET_MS, freshLab, masterAndReplicaOf } from "./lab";

// The package's exports hide its browser bundle from require.resolve; the file is there all the same.
const SOCKET_IO_CLIENT = path.resolve("node_modules/socket.io-client/dist/socket.io.min.js");

/** One person in their own browser (own localStorage, own client id), the page loaded and the pods shown. */
async function personAt(browser: Browser, url: string): Promise<Page> {
  // bypassCSP only so the test can put socket.io's client on the page for a direct emit: the page itself
  // runs as it always does.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(url);
  // A page on a loaded machine (three browsers, six redis-servers, two cores) takes a while to hydrate.
  await expect(page.getByTestId("pod-table").locator('[data-testid^="pod-row-"]')).toHaveCount(6, {
    timeout: 90_000,
  });
  return page;
}

/** What the server answers to a delete sent straight over a socket with this page's own identity. */
async function directDelete(page: Page, pod: string) {
  await page.addScriptTag({ path: SOCKET_IO_CLIENT });
  return page.evaluate(async (pod) => {
    type Sock = {
      once(ev: string, fn: (x: unknown) => void): void;
      timeout(ms: number): { emitWithAck(ev: string, p: unknown): Promise<unknown> };
      close(): void;
    };
    const io = (window as unknown as { io: (o: unknown) => Sock }).io;
    const s = io({
      auth: {
        name: localStorage.getItem("failover-lab-name"),
        clientId: localStorage.getItem("failover-lab-client"),
      },
      transports: ["websocket"],
    });
    const session = await new Promise((resolve) => s.once("session", resolve));
    const ack = await s.timeout(10_000).emitWithAck("pod:delete", { pod, mode: "graceful" });
    s.close();
    return { session, ack };
  }, pod);
}

test("the instructor hands the delete to one student, who fails the master over for the whole room, then takes it back", async ({
  browser,
  request,
}) => {
  // Three browsers loading at once on a loaded two-core machine, then a failover.
  test.setTimeout(9 * 60_000);
  await freshLab(request);
  const teacher = await personAt(browser, `/?token=${E2E_TOKEN}&name=e2e-강사`);
  const minji = await personAt(browser, "/?name=민지");
  const jun = await personAt(browser, "/?name=준");
  const everyone = [teacher, minji, jun];
  await expect(minji.getByTestId("my-name")).toContainText("민지");
  const { master, replica } = await masterAndReplicaOf(request, "a");
  const deleteOf = (p: Page) => p.getByTestId(`delete-pod-${master.pod}`);

  // Watching only: no delete button at all, and the page says why.
  await expect(deleteOf(minji)).toHaveCount(0);
  await expect(minji.getByTestId("delete-refused")).toContainText("the instructor has not allowed deletes");
  await expect(deleteOf(teacher)).toBeEnabled();

  // "Hand the mouse to 민지", from the grant panel of the instructor's page.
  // The box shows the server's grants, so it turns checked when the grant comes back, not on the click.
  await teacher.getByTestId("grant-delete-민지").click();
  await expect(teacher.getByTestId("grant-delete-민지")).toBeChecked();
  await expect(deleteOf(minji)).toBeEnabled();
  await expect(minji.getByTestId("delete-refused")).toHaveCount(0);
  // Deletes only: her crash button stays disabled with its own reason.
  await expect(minji.getByTestId(`crash-pod-${master.pod}`)).toBeDisabled();
  await expect(minji.getByTestId(`crash-pod-${master.pod}`)).toHaveAttribute(
    "title",
    "the instructor has not allowed crashes",
  );
  // The other student sees the control, disabled, with the reason.
  await expect(deleteOf(jun)).toBeDisabled();
  await expect(deleteOf(jun)).toHaveAttribute("title", "the instructor has not allowed deletes");
  await expect(jun.getByTestId("delete-refused")).toContainText("the instructor has not allowed deletes");
  await expect(jun.getByTestId("person-민지")).toContainText("delete pods");

  // The instructor puts the room on the delete step; both students' guides follow.
  await teacher.getByTestId("guide-focus-delete").click();
  for (const p of [minji, jun]) {
    await expect(p.getByTestId("guide-step-delete")).toHaveAttribute("data-focus", "true");
    await expect(p.getByTestId("guide-focus-marker")).toContainText("e2e-강사");
  }

  await deleteOf(minji).click();
  for (const p of everyone) {
    await expect(p.getByTestId(`graph-node-${replica.id}`)).toHaveAttribute("data-role", "master", {
      timeout: FAILOVER_BUDGET_MS,
    });
  }
  await expect(teacher.getByTestId("event-log")).toContainText("민지");

  await teacher.getByTestId("grant-delete-민지").click();
  await expect(teacher.getByTestId("grant-delete-민지")).not.toBeChecked();
  // Revoked: gone at once from her page, and the server refuses her socket too.
  await expect(deleteOf(minji)).toHaveCount(0);
  await expect(deleteOf(jun)).toHaveCount(0);
  await expect(minji.getByTestId("delete-refused")).toContainText("the instructor has not allowed deletes");
  const direct = await directDelete(minji, replica.pod!);
  expect(direct.session).toMatchObject({ role: "student", name: "민지" });
  expect(direct.ack).toMatchObject({ ok: false, status: 403, code: "not_granted" });
  const state = (await (await request.get("/api/state")).json()) as {
    pods: { name: string; phase: string }[];
  };
  expect(state.pods.find((p) => p.name === replica.pod)?.phase).toBe("Running");

  for (const p of everyone) await p.context().close();
});

test("a student picks a name on the first visit, keeps it on reload, and a taken name gets a suffix", async ({
  browser,
}) => {
  const first = await personAt(browser, "/");
  await expect(first.getByTestId("name-prompt")).toBeVisible();
  await first.getByTestId("name-input").fill("e2e-서연");
  await first.getByTestId("name-save").click();
  await expect(first.getByTestId("name-prompt")).toHaveCount(0);
  await expect(first.getByTestId("my-name")).toContainText("e2e-서연");
  await first.reload();
  await expect(first.getByTestId("my-name")).toContainText("e2e-서연", { timeout: 90_000 });
  await expect(first.getByTestId("name-prompt")).toHaveCount(0);

  const second = await personAt(browser, "/");
  await second.getByTestId("name-input").fill("e2e-서연");
  await second.getByTestId("name-save").click();
  await expect(second.getByTestId("my-name")).toContainText("e2e-서연 (2)");
  // Changeable from the header.
  await second.getByTestId("name-change").click();
  await second.getByTestId("name-input").fill("e2e-하늘");
  await second.getByTestId("name-save").click();
  await expect(second.getByTestId("my-name")).toContainText("e2e-하늘");
  await expect(first.getByTestId("person-e2e-하늘")).toBeVisible();
  await expect(first.getByTestId("person-e2e-서연 (2)")).toHaveCount(0);
  await first.context().close();
  await second.context().close();
});

test("the instructor shows the join code full screen, and Escape closes it", async ({ page }) => {
  await page.goto(`/?token=${E2E_TOKEN}&name=e2e-강사`);
  await page.getByTestId("show-qr").click();
  const overlay = page.getByTestId("qr-overlay");
  await expect(overlay).toBeVisible();
  // Opened at 127.0.0.1, which no phone can open: the code names one of this machine's LAN addresses (the
  // server listens on all of them), or the page's own address on a machine that has none.
  const lan = Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && i.family === "IPv4" && !i.internal)
    .map((i) => `http://${i!.address}:${E2E_PORT}/`);
  const expected = lan.length ? lan : [`http://127.0.0.1:${E2E_PORT}/`];
  const oneOf = new RegExp(`^(${expected.map((u) => u.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})$`);
  await expect(page.getByTestId("qr-overlay-url")).toHaveText(oneOf);
  await expect(page.getByTestId("join-qr")).toHaveAttribute("data-url", oneOf);
  // Big enough to scan from the back of a room: most of the screen's height.
  const box = await page.getByTestId("qr-overlay-code").boundingBox();
  const viewport = page.viewportSize()!;
  expect(box!.height).toBeGreaterThan(0.6 * viewport.height);
  await expect(page.getByTestId("qr-overlay-code").locator("svg")).toBeVisible();
  // The students' URL: never the instructor's token.
  await expect(page.getByTestId("qr-overlay-url")).not.toContainText("token");
  await page.keyboard.press("Escape");
  await expect(overlay).toHaveCount(0);
});
