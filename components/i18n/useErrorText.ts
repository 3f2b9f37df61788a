"use client";
import { CATALOGUES } from "@/lib/i18n/catalogue";
import { errorText, isErrorCode } from "@/lib/i18n/errorText";
import type { ErrorBody } from "@/lib/protocol";
import { useLocaleChoice } from "./LocaleProvider";
import { useT } from "./useT";

/** A refusal in the viewer's language, from its code; the server's English sentence if the code is unknown. */
export function useErrorText(): (e: ErrorBody) => string {
  const t = useT();
  const { locale } = useLocaleChoice();
  return (e) => (isErrorCode(e.code, CATALOGUES[locale]) ? errorText(t, e.code, e.params) : e.error);
}
