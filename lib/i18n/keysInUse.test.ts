import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { en } from "./en";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CATALOGUES = [path.join(ROOT, "lib/i18n/en"), path.join(ROOT, "lib/i18n/ko")];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return CATALOGUES.includes(p) || d.name === "node_modules" ? [] : sources(p);
    return /\.tsx?$/.test(d.name) && !/\.test\.tsx?$/.test(d.name) ? [p] : [];
  });
}

function keys(tree: object, prefix: string[] = []): string[][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string" ? [[...prefix, k]] : keys(v as object, [...prefix, k]),
  );
}

describe("the message catalogues", () => {
  // A message nothing shows still has to be translated and kept in step. Keys are also built at run time
  // (`kinds.${kind}`, `plan.${code}`), so a key counts as used when its last part appears quoted anywhere in
  // the code, as a record's key (the codes of lib/planNotes.ts), or as the dotted path itself
  // (`app.description`): loose on purpose, it catches only the message no code names at all.
  it("have no message that no code names", () => {
    const code = ["app", "components", "lib", "server"]
      .flatMap((d) => sources(path.join(ROOT, d)))
      .map((f) => fs.readFileSync(f, "utf8"))
      .join("\n");
    const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
    const named = (k: string[]) => {
      const leaf = esc(k.at(-1)!);
      return new RegExp(`["'\`.]${leaf}["'\`]|\\b${leaf}\\??:|\\b${esc(k.join("."))}\\b`).test(code);
    };
    expect(
      keys(en)
        .filter((k) => !named(k))
        .map((k) => k.join(".")),
    ).toEqual([]);
  });
});
