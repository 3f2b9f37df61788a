// Which language a viewer gets: Korean for `ko*`, English otherwise; an explicit choice wins.
export const LOCALES = ["ko", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (LOCALES as readonly string[]).includes(v);
}

/** The first supported language of an `Accept-Language` header (`ko-KR,ko;q=0.9,en;q=0.8`), by weight. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  const ranked = (header ?? "")
    .split(",")
    .map((part, i) => {
      const [tag, ...rest] = part.trim().split(";");
      const q = rest.map((r) => /^q=([\d.]+)$/.exec(r.trim())).find(Boolean);
      return { tag: tag.toLowerCase(), q: q ? Number(q[1]) : 1, i };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    const base = tag.split("-")[0];
    if (isLocale(base)) return base;
  }
  return DEFAULT_LOCALE;
}

/** `navigator.languages` (or `LANG=ko_KR.UTF-8` on a server): the first supported one. */
export function localeFromTags(tags: readonly string[]): Locale {
  for (const tag of tags) {
    const base = tag.toLowerCase().split(/[-_.]/)[0];
    if (isLocale(base)) return base;
  }
  return DEFAULT_LOCALE;
}

/** The browser remembers the viewer's choice in a cookie, so the server renders the page in it from the start. */
export const LOCALE_COOKIE = "failover-lab-lang";
