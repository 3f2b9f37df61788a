"use client";
import QRCode from "qrcode";
import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";

/** The students' URL: this page without its query, so the instructor's token is never in the code. */
function studentUrl(): string {
  return `${window.location.origin}${window.location.pathname}`;
}

/** Compact enough for the header; a click fills the projector with the code at the start of class. */
export function JoinQr() {
  const t = useTranslations("join");
  const [url, setUrl] = useState<string | null>(null);
  const [svg, setSvg] = useState<string | null>(null);
  const [open, setOpen] = useState(true);
  const [big, setBig] = useState(false);

  useEffect(() => {
    const u = studentUrl();
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
  }, []);

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
  return (
    <div data-testid="join-qr" className="flex items-center gap-2">
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
      <button
        type="button"
        aria-label={t("hideLabel")}
        title={t("hideTitle")}
        onClick={() => setOpen(false)}
        className="self-start px-1 text-xs text-slate-500 hover:text-slate-200"
      >
        ✕
      </button>
      {big && svg ? (
        <div
          role="dialog"
          aria-label={t("dialogLabel")}
          onClick={() => setBig(false)}
          className="fixed inset-0 z-50 flex cursor-zoom-out flex-col items-center justify-center gap-6 bg-slate-950/95"
        >
          <div
            className="h-[70vh] w-[70vh] rounded-xl bg-white p-4"
            dangerouslySetInnerHTML={{ __html: svg }}
          />
          <div className="font-mono text-4xl text-white">{url}</div>
          <div className="text-lg text-slate-400">{t("scanToWatch")}</div>
        </div>
      ) : null}
    </div>
  );
}
