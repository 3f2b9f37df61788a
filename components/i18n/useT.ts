"use client";
import { useTranslations } from "use-intl";
import type { Translator } from "@/lib/i18n/catalogue";

/** The whole catalogue's translator, for the pure renderers of lib/i18n (events, errors) shared with the server. */
export function useT(): Translator {
  return useTranslations() as unknown as Translator;
}
