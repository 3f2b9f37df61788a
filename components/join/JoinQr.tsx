"use client";
import QRCode from "qrcode";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { type JoinAddresses, studentJoinUrl } from "@/lib/joinUrls";

/**
 * Compact enough for the header; a click fills the projector with the code at the start of class. `join` is
 * what the server said of its addresses (null until the session arrives): the page's own address may be the
 * instructor's localhost, which no phone can open.
 */
export function JoinQr({ instructor = false, join }: { instructor?: boolean; join: JoinAddresses | null }) {
  const t = useTranslations("join");
  const [url, setUrl] = useState<string | null>(null);
  const [svg, setSvg] = useState<string | null>(null);
  const [open, setOpen] = useState(true);
  const [big, setBig] = useState(false);

  useEffect(() => {
    const u = studentJoinUrl(window.location, join);
    let live = true;
    QRCode.toString(u, {
      type: "svg",
      margin: 1,
      errorCorrectionLevel: "M",
      color: { dark: "#020617", light: "#ffffff" },
    })
      .then((s) => {
        if (!live) return;
        setUrl(u);
        setSvg(s);
      })
      .catch(() => live && setUrl(u));
    return () => {
      live = false;
    };
  }, [join]);

  if (!open) {
    return (
      <button
        type="button"
        data-testid="join-qr"
        data-collapsed="true"
        onClick={() => setOpen(true)}
        className="rounded-md border border-slate-700 px-2 py-1 text-sm text-slate-300 hover:bg-slate-800"
      >
        {t("collapsed")}
      </button>
    );
  }
  const overlay = big && url ? <JoinOverlay url={url} svg={svg} onClose={() => setBig(false)} /> : null;
  return (
    // A student's phone has no room for the code it was opened with.
    <div
      data-testid="join-qr"
      data-url={url ?? undefined}
      className={`${instructor ? "flex" : "hidden sm:flex"} items-center gap-2`}
    >
      {svg ? (
        <button
          type="button"
          title={t("enlargeTitle")}
          aria-label={t("enlargeLabel")}
          onClick={() => setBig(true)}
          className="h-11 w-11 shrink-0 cursor-zoom-in overflow-hidden rounded bg-white"
          dangerouslySetInnerHTML={{ __html: svg }}
        />
      ) : null}
      <div className="leading-tight">
        <div className="text-[11px] text-slate-400">{t("studentsJoin")}</div>
        <div className="font-mono text-sm text-white" data-testid="join-url">
          {url ?? "…"}
        </div>
      </div>
      {instructor ? (
        <button
          type="button"
          data-testid="show-qr"
          onClick={() => setBig(true)}
          className="rounded-md border border-slate-500 px-2 py-0.5 text-sm font-semibold text-slate-100 hover:bg-slate-800"
        >
          {t("showQr")}
        </button>
      ) : null}
      <button
        type="button"
        aria-label={t("hideLabel")}
        title={t("hideTitle")}
        onClick={() => setOpen(false)}
        className="self-start px-1 text-xs text-slate-500 hover:text-slate-200"
      >
        ✕
      </button>
      {overlay}
    </div>
  );
}

/** The whole screen: the code big enough to scan from the back row, the address for those who type it. */
function JoinOverlay({ url, svg, onClose }: { url: string; svg: string | null; onClose: () => void }) {
  const t = useTranslations("join");
  const close = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    close.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onClose();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-label={t("dialogLabel")}
      data-testid="qr-overlay"
      onClick={onClose}
      className="fixed inset-0 z-50 flex cursor-zoom-out flex-col items-center justify-center gap-4 bg-slate-950 p-4"
    >
      {svg ? (
        <div
          data-testid="qr-overlay-code"
          className="aspect-square w-[min(75vh,92vw)] rounded-xl bg-white p-4"
          dangerouslySetInnerHTML={{ __html: svg }}
        />
      ) : null}
      <div
        className="font-mono text-3xl font-bold break-all text-white sm:text-5xl"
        data-testid="qr-overlay-url"
      >
        {url}
      </div>
      <div className="text-lg text-slate-200">{t("scanToWatch")}</div>
      <button
        ref={close}
        type="button"
        onClick={onClose}
        className="absolute top-4 right-4 rounded-md border border-slate-400 px-3 py-1 text-lg text-white hover:bg-slate-800"
      >
        {t("closeOverlay")}
      </button>
    </div>
  );
}
