"use client";
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { IntlProvider } from "use-intl";
import { CATALOGUES } from "@/lib/i18n/catalogue";
import { LOCALE_COOKIE, type Locale } from "@/lib/i18n/locale";

interface LocaleChoice {
  locale: Locale;
  setLocale: (l: Locale) => void;
}

const LocaleContext = createContext<LocaleChoice>({ locale: "en", setLocale: () => {} });

export function useLocaleChoice(): LocaleChoice {
  return useContext(LocaleContext);
}

/**
 * The viewer's language: first what the server chose (cookie, else Accept-Language), then the switch, at once
 * and without a reload. The choice is kept in a cookie for a year, and `<html lang>` and the title follow it.
 */
export function LocaleProvider({ initial, children }: { initial: Locale; children: React.ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initial);
  const setLocale = useCallback((l: Locale) => {
    document.cookie = `${LOCALE_COOKIE}=${l}; path=/; max-age=31536000; samesite=lax`;
    setLocaleState(l);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = CATALOGUES[locale].app.title;
  }, [locale]);
  const choice = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  // The browser's own zone: times on the page are the viewer's clock, as `date` on their laptop shows.
  const timeZone = useMemo(() => Intl.DateTimeFormat().resolvedOptions().timeZone, []);
  return (
    <LocaleContext.Provider value={choice}>
      <IntlProvider locale={locale} messages={CATALOGUES[locale]} timeZone={timeZone}>
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}
