// A stable colour per node id: an id keeps its colour as long as it is on screen, and ids visible together
// never share one (a hash alone would collide among 6–7 nodes). Pure: the caller keeps `previous`.

function hash(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Palette index per id; ids already coloured keep their index, new ids take their hash slot or the next free one. */
export function assignNodeColors(
  ids: readonly string[],
  previous: ReadonlyMap<string, number>,
  paletteSize: number,
): Map<string, number> {
  const out = new Map<string, number>();
  const used = new Set<number>();
  for (const id of ids) {
    const idx = previous.get(id);
    if (idx !== undefined && !used.has(idx)) {
      out.set(id, idx);
      used.add(idx);
    }
  }
  for (const id of [...ids].sort()) {
    if (out.has(id)) continue;
    let idx = hash(id) % paletteSize;
    for (let step = 0; step < paletteSize && used.has(idx); step++) idx = (idx + 1) % paletteSize;
    out.set(id, idx);
    used.add(idx);
  }
  return out;
}
