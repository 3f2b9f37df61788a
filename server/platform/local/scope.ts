import path from "node:path";

/**
 * What browsers and error texts may say about where the lab lives: the data dir relative to the working
 * directory (`local:.data`), or only its last component when it lies elsewhere. The absolute path tells a
 * room of students the server's user name and layout, and nothing they need.
 */
export function localScope(absDir: string, cwd: string): string {
  const rel = path.relative(cwd, absDir);
  if (rel === "") return "local:.";
  if (rel.startsWith("..") || path.isAbsolute(rel)) return `local:${path.basename(absDir)}`;
  return `local:${rel}`;
}
