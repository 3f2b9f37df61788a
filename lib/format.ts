// Time formats the dashboard shares with the terminal outputs students already know. Pure.
import type { Locale } from "./i18n/locale";

/** `kubectl get pod`'s AGE column (apimachinery HumanDuration): `15s`, `119s`, `3m2s`, `20m`, `5h3m`, `3d`. */
export function kubectlAge(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const years = Math.floor(hours / (24 * 365));
  const days = Math.floor(hours / 24) % 365;
  if (hours < 24 * 365 * 8) return days === 0 ? `${years}y` : `${years}y${days}d`;
  return `${years}y`;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** `04:15:05.953`, local time of the viewer. */
export function clockTime(t: number, withMs = true): string {
  const d = new Date(t);
  const hms = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return withMs ? `${hms}.${pad(d.getMilliseconds(), 3)}` : hms;
}

// English keeps the spaced units of the terminal outputs (`4.6 s`); Korean writes them as a Korean text does.
const UNITS: Record<Locale, { ms: string; s: string; m: string }> = {
  en: { ms: " ms", s: " s", m: " m " },
  ko: { ms: "ms", s: "초", m: "분 " },
};

// Building an Intl.NumberFormat costs far more than formatting with one, and every duration on screen (the
// timeline's labels, AGE, run figures) is formatted several times a second.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, digits: number): Intl.NumberFormat {
  const key = `${locale}/${digits}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    numberFormats.set(key, f);
  }
  return f;
}

/** A measured duration for people: `850 ms`, `4.6 s`, `2 m 05 s` (`4.6초`, `2분 05초`); `—` when it has not happened. */
export function formatDuration(ms: number | null | undefined, locale: Locale = "en"): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  const u = UNITS[locale];
  const num = (n: number, digits: number) => numberFormat(locale, digits).format(n);
  if (ms < 1000) return `${num(Math.round(ms), 0)}${u.ms}`;
  if (ms < 60_000) return `${num(ms / 1000, 1)}${u.s}`;
  const total = Math.round(ms / 1000);
  return `${num(Math.floor(total / 60), 0)}${u.m}${pad(total % 60)}${u.s}`;
}
