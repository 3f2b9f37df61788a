/** 40-hex node ids cut to the 8 characters people read aloud; the full line stays in the tooltip. */
export function shortenIds(text: string): string {
  return text.replace(/\b([0-9a-f]{8})[0-9a-f]{32}\b/g, "$1…");
}
