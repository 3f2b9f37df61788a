import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { LocaleProvider } from "@/components/i18n/LocaleProvider";
import { CATALOGUES } from "@/lib/i18n/catalogue";
import { isLocale, LOCALE_COOKIE, type Locale, localeFromAcceptLanguage } from "@/lib/i18n/locale";
import "./globals.css";

/** The viewer's remembered choice, else their browser's languages (`ko*` gives Korean). */
async function requestLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return localeFromAcceptLanguage((await headers()).get("accept-language"));
}

export async function generateMetadata(): Promise<Metadata> {
  const { app } = CATALOGUES[await requestLocale()];
  return { title: app.title, description: app.description };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await requestLocale();
  return (
    <html lang={locale}>
      <body>
        <LocaleProvider initial={locale}>{children}</LocaleProvider>
      </body>
    </html>
  );
}
