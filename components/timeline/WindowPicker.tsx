"use client";
import { memo } from "react";
import { useTranslations } from "use-intl";

export const WINDOWS = [30_000, 60_000, 120_000, 600_000, 1_800_000].map((ms) => ({ ms }));

/**
 * The timeline's window buttons. Their own memoised component: the timeline renders with every sample batch
 * (five a second) and each label is an ICU message with a number, formatted again each time it renders.
 */
export const WindowPicker = memo(function WindowPicker({
  selected,
  onPick,
}: {
  selected: number;
  onPick: (index: number) => void;
}) {
  const t = useTranslations("timeline");
  return (
    <div
      className="flex overflow-hidden rounded-md border border-slate-700"
      role="group"
      aria-label={t("windowLabel")}
    >
      {WINDOWS.map((w, i) => (
        <button
          key={w.ms}
          type="button"
          data-testid={`timeline-window-${w.ms / 1000}s`}
          onClick={() => onPick(i)}
          className={`px-2 py-0.5 text-xs ${i === selected ? "bg-sky-700 text-white" : "text-slate-300 hover:bg-slate-800"}`}
        >
          {w.ms < 60_000 ? t("seconds", { n: w.ms / 1000 }) : t("minutes", { n: w.ms / 60_000 })}
        </button>
      ))}
    </div>
  );
});
