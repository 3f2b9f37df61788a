import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage, localeFromTags } from "./locale";

describe("localeFromAcceptLanguage", () => {
  it.each([
    ["ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7", "ko"],
    ["en-US,en;q=0.9,ko;q=0.8", "en"],
    ["fr-FR,fr;q=0.9,ko;q=0.5", "ko"],
    ["en;q=0.4,ko;q=0.6", "ko"],
    ["ko;q=0", "en"],
    ["", "en"],
    [null, "en"],
  ])("%s -> %s", (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });
});

describe("localeFromTags", () => {
  it("takes the first supported language, in either notation", () => {
    expect(localeFromTags(["ko_KR.UTF-8"])).toBe("ko");
    expect(localeFromTags(["de-DE", "en-GB"])).toBe("en");
    expect(localeFromTags(["de"])).toBe("en");
  });
});
