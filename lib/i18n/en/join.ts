export const join = {
  collapsed: "▣ join",
  enlargeTitle: "show the code large",
  enlargeLabel: "show the join code large",
  studentsJoin: "students join (read-only)",
  hideLabel: "hide the join code",
  hideTitle: "hide",
  showQr: "show QR",
  closeOverlay: "close (Esc)",
  dialogLabel: "join code",
  scanToWatch: "scan to watch the failover on your device · click or Esc to close",
} as const;
