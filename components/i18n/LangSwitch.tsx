"use client";
import { useTranslations } from "use-intl";
import { LOCALES } from "@/lib/i18n/locale";
import { useLocaleChoice } from "./LocaleProvider";

/** 한국어 | English: each language named in itself, so a viewer finds theirs whatever the page shows now. */
export function LangSwitch() {
  const { locale, setLocale } = useLocaleChoice();
  const t = useTranslations("app");
  return (
    <div
      role="group"
      aria-label={t("language")}
      data-testid="lang-switch"
      className="flex rounded-md border border-slate-700 text-sm"
    >
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === locale}
          data-locale={l}
          onClick={() => setLocale(l)}
          className={`px-2 py-0.5 ${l === locale ? "bg-slate-200 font-semibold text-slate-900" : "text-slate-300 hover:bg-slate-800"}`}
        >
          {l === "ko" ? "한국어" : "English"}
        </button>
      ))}
    </div>
  );
}
