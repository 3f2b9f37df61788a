"use client";
import { useMemo } from "react";
import { formatDuration } from "@/lib/format";
import { useLocaleChoice } from "./LocaleProvider";

/** Durations in the viewer's language (`4.6 s` / `4.6초`). */
export function useDuration(): (ms: number | null | undefined) => string {
  const { locale } = useLocaleChoice();
  return useMemo(() => (ms: number | null | undefined) => formatDuration(ms, locale), [locale]);
}
