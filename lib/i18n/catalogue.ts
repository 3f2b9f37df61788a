import { createTranslator } from "use-intl/core";
import { en } from "./en";
import { ko } from "./ko";
import type { Locale } from "./locale";

export type Messages = typeof en;
export const CATALOGUES: Record<Locale, Messages> = { en, ko: ko as Messages };

/** The translator of one language, for code outside React (the server's English `error`, tests, the CLI). */
export function translator(locale: Locale) {
  return createTranslator({ locale, messages: CATALOGUES[locale], timeZone: "UTC" });
}

export type Translator = ReturnType<typeof translator>;
