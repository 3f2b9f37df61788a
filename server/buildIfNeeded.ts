import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCE_DIRS = ["app", "components", "lib", "public"];
const SOURCE_FILES = ["next.config.ts", "instrumentation-client.ts", "package.json", "postcss.config.mjs"];

/** `npm start` on a fresh clone: build the Next.js app once, and again only when its sources changed. */
export function buildIfNeeded(root: string): void {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (existsSync(buildId) && newestMtime(root) <= statSync(buildId).mtimeMs) return;
  console.log("Building the dashboard (first start or sources changed)…");
  const r = spawnSync("npx", ["next", "build"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) throw new Error(`next build failed with exit code ${r.status}`);
}

function newestMtime(root: string): number {
  let newest = 0;
  const visit = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) for (const e of readdirSync(p)) visit(path.join(p, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const d of [...SOURCE_DIRS, ...SOURCE_FILES])
    if (existsSync(path.join(root, d))) visit(path.join(root, d));
  return newest;
}
