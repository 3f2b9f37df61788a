import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { CATALOGUES } from "./catalogue";
import { en } from "./en";

type Tree = { [k: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

/** Every argument a message uses, with its type (`plural`, `select`, `number`, plain), and select options. */
function placeholders(message: string): string[] {
  const out = new Set<string>();
  const walk = (els: MessageFormatElement[]) => {
    for (const el of els) {
      if (el.type === TYPE.argument) out.add(`${el.value}`);
      else if (el.type === TYPE.number) out.add(`${el.value}:number`);
      else if (el.type === TYPE.date || el.type === TYPE.time) out.add(`${el.value}:date`);
      else if (el.type === TYPE.select || el.type === TYPE.plural) {
        out.add(`${el.value}:${el.type === TYPE.select ? "select" : "plural"}`);
        for (const [opt, { value }] of Object.entries(el.options)) {
          if (el.type === TYPE.select) out.add(`${el.value}=${opt}`);
          walk(value);
        }
      } else if (el.type === TYPE.tag) walk(el.children);
    }
  };
  // Parsed as use-intl parses (tags on): a stray `<token>` would fail at run time, so it fails here.
  walk(parse(message));
  return [...out].sort();
}

const source = leaves(en as unknown as Tree);

describe.each(Object.entries(CATALOGUES))("the %s catalogue", (_locale, catalogue) => {
  const messages = leaves(catalogue as unknown as Tree);

  it("has exactly the English keys", () => {
    expect([...messages.keys()].sort()).toEqual([...source.keys()].sort());
  });

  it("uses the same placeholders and select options as English in every message", () => {
    const differing = [...source].filter(([k, m]) => {
      const mine = messages.get(k);
      return mine === undefined || placeholders(mine).join() !== placeholders(m).join();
    });
    expect(differing.map(([k]) => k)).toEqual([]);
  });
});
