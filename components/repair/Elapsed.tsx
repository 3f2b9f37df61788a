"use client";
import { useServerNow } from "../common/serverClock";
import { useDuration } from "../i18n/useFormat";

/** A duration still growing; mounted only while something runs, so idle panels do not re-render. */
export function Elapsed({ since }: { since: number }) {
  const now = useServerNow(250);
  const duration = useDuration();
  return <>{duration(Math.max(0, now - since))}</>;
}
