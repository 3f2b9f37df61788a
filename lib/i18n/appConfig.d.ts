// Types use-intl's `useTranslations()` and `createTranslator()` keys and ICU arguments from the English catalogue.
import type { Messages } from "./catalogue";
import type { Locale } from "./locale";

declare module "use-intl" {
  interface AppConfig {
    Messages: Messages;
    Locale: Locale;
  }
}
