import { expect, type APIRequestContext } from "@playwright/test";
import { E2E_TOKEN } from "../playwright.config";

/** Every story starts from a fresh 3+3 lab with every pod 1/1, whatever the test before it left behind. */
export async function freshLab(request: APIRequestContext): Promise<void> {
  const res = await request.post("/api/lab/reset", {
    headers: { authorization: `Bearer ${E2E_TOKEN}` },
    data: { persistence: false },
  });
  expect(res.status(), await res.text()).toBe(200);
  await expect
    .poll(
      async () => {
        const state = (await (await request.get("/api/state")).json()) as { pods: { ready: boolean }[] };
        return state.pods.filter((p) => p.ready).length;
      },
      { timeout: 30_000 },
    )
    .toBe(6);
}
