// `appendonly.aof.manifest` (Redis 7.0 multi-part AOF): one line per file, `file <name> seq <n> type <t>`,
// where the type is b (base: the snapshot the incr files continue from), h (history: left over from a
// rewrite, about to be deleted) or i (incr: the commands appended since the base). Redis writes names with
// special characters quoted (sdscatrepr) and reads lines with sdssplitargs; this follows both.

export type AofFileType = "base" | "history" | "incr";

export interface AofManifestEntry {
  file: string;
  seq: number;
  type: AofFileType;
}

export interface AofManifest {
  entries: AofManifestEntry[];
  /** 1-based numbers of lines that are neither an entry, a comment nor blank (shown, not fatal). */
  badLines: number[];
}

const TYPES: Record<string, AofFileType> = { b: "base", h: "history", i: "incr" };

export function parseAofManifest(text: string): AofManifest {
  const entries: AofManifestEntry[] = [];
  const badLines: number[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.replace(/\r$/, "").trim();
    if (line === "" || line.startsWith("#")) return;
    const words = splitArgs(line);
    const fields: Record<string, string> = {};
    for (let k = 0; words && k + 1 < words.length; k += 2) fields[words[k]] = words[k + 1];
    const seq = Number(fields.seq);
    const type = TYPES[fields.type];
    if (!words || words.length % 2 !== 0 || !fields.file || !Number.isInteger(seq) || !type) {
      badLines.push(i + 1);
      return;
    }
    entries.push({ file: fields.file, seq, type });
  });
  return { entries, badLines };
}

/** Redis's `sdssplitargs`: words separated by spaces, `"…"` with C escapes, `'…'` literal; null if unbalanced. */
function splitArgs(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === " " || line[i] === "\t") i++;
    if (i >= line.length) break;
    let word = "";
    const quote = line[i] === '"' || line[i] === "'" ? line[i++] : null;
    for (;;) {
      if (i >= line.length) {
        if (quote) return null;
        break;
      }
      const ch = line[i];
      if (!quote && (ch === " " || ch === "\t")) break;
      if (quote && ch === quote) {
        i++;
        break;
      }
      if (quote === '"' && ch === "\\" && i + 1 < line.length) {
        const next = line[i + 1];
        const hex = /^x([0-9a-fA-F]{2})/.exec(line.slice(i + 1));
        if (hex) {
          word += String.fromCharCode(parseInt(hex[1], 16));
          i += 4;
          continue;
        }
        word += ({ n: "\n", r: "\r", t: "\t", b: "\b", a: "\x07" } as Record<string, string>)[next] ?? next;
        i += 2;
        continue;
      }
      word += ch;
      i++;
    }
    out.push(word);
  }
  return out;
}
