// What the AOF viewer shows of one `appendonlydir/`: the manifest's files in the order Redis replays them
// (base, then incr by seq), each decoded by its kind, plus whatever the dir holds that the manifest does not
// name (a rewrite's temp files, or files of an unreadable manifest).
import { parseAofManifest, type AofFileType, type AofManifest } from "./aofManifest";
import { decodeAofFile, type DecodedAofFile } from "./decodeAof";

export const MANIFEST_SUFFIX = ".manifest";

export interface AofDirFile {
  name: string;
  bytes: number;
  /** The manifest's type and seq, or null for a file it does not list. */
  type: AofFileType | null;
  seq: number | null;
  decoded: DecodedAofFile | null;
  /** Set when only the file's tail was decoded (it is larger than the window): where that tail starts. */
  tail: { offset: number } | null;
}

/** One file as read: all of it, or (`offset` > 0) its end from `offset` of a file of `size` bytes. */
export interface AofFileRead {
  name: string;
  data: Uint8Array;
  size?: number;
  offset?: number;
}

export interface AofDirView {
  /** Null when the dir has no manifest (AOF off, or a Redis older than 7.0). */
  manifest: AofManifest | null;
  manifestName: string | null;
  files: AofDirFile[];
  /** Manifest entries whose file is not in the dir. */
  missing: string[];
}

const ORDER: Record<AofFileType, number> = { history: 0, base: 1, incr: 2 };

/** The tail of an RDB base is binary from anywhere: its name says what it is (`.base.rdb`). */
function decodeRead(f: AofFileRead): DecodedAofFile {
  const size = f.size ?? f.data.length;
  if ((f.offset ?? 0) > 0 && f.name.endsWith(".rdb")) return { kind: "rdb-preamble", bytes: size };
  return decodeAofFile(f.data);
}

export function describeAofDir(files: AofFileRead[]): AofDirView {
  const manifestFile = files.find((f) => f.name.endsWith(MANIFEST_SUFFIX)) ?? null;
  const manifest = manifestFile ? parseAofManifest(new TextDecoder().decode(manifestFile.data)) : null;
  const byName = new Map(files.map((f) => [f.name, f]));
  const listed = [...(manifest?.entries ?? [])].sort(
    (a, b) => ORDER[a.type] - ORDER[b.type] || a.seq - b.seq,
  );
  const out: AofDirFile[] = [];
  const missing: string[] = [];
  for (const e of listed) {
    const f = byName.get(e.file);
    if (!f) {
      missing.push(e.file);
      continue;
    }
    out.push({
      name: f.name,
      bytes: f.size ?? f.data.length,
      type: e.type,
      seq: e.seq,
      decoded: decodeRead(f),
      tail: (f.offset ?? 0) > 0 ? { offset: f.offset! } : null,
    });
  }
  const named = new Set([manifestFile?.name, ...listed.map((e) => e.file)]);
  for (const f of [...files].sort((a, b) => a.name.localeCompare(b.name))) {
    if (!named.has(f.name))
      out.push({
        name: f.name,
        bytes: f.size ?? f.data.length,
        type: null,
        seq: null,
        decoded: null,
        tail: null,
      });
  }
  return { manifest, manifestName: manifestFile?.name ?? null, files: out, missing };
}
