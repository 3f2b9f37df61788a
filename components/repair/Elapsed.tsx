"use client";
import { formatDuration } from "@/lib/format";
import { useServerNow } from "../common/serverClock";

/** A duration still growing; mounted only while something runs, so idle panels do not re-render. */
export function Elapsed({ since }: { since: number }) {
  const now = useServerNow(250);
  return <>{formatDuration(Math.max(0, now - since))}</>;
}
