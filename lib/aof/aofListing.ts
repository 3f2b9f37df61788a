// The AOF dir of a pod that the dashboard cannot open as a local dir (kubernetes): listed with `ls -l`
// inside the pod, each file then read with `cat`. Pure: the output of the command in, the files out.

/** The file names Redis writes into `appendonlydir/` (manifest, base, incr, a rewrite's temp files). */
const AOF_FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,200}$/;

/**
 * Whether `name` may be appended to the fixed `cat <dir>/` command: one plain path component, no `/`, no
 * leading dot (so never `..`), nothing a shell would read (the command is argv, but stay strict anyway).
 */
export function isAofFileName(name: string): boolean {
  return AOF_FILE_NAME.test(name);
}

export interface ListedFile {
  name: string;
  bytes: number;
}

// GNU and busybox `ls -l`: mode, links, owner, group, size, three date fields, name.
const LS_LINE = /^-[rwxsStT-]{9}[.+@]?\s+\d+\s+\S+\s+\S+\s+(\d+)\s+\S+\s+\S+\s+\S+\s+(.+)$/;

/**
 * The regular files of an `ls -l` listing with their sizes; directories, links and the `total` line are
 * skipped, and so is any name the fixed read command would refuse.
 */
export function parseLsListing(text: string): ListedFile[] {
  const out: ListedFile[] = [];
  for (const line of text.split("\n")) {
    const m = LS_LINE.exec(line.trimEnd());
    if (!m || !isAofFileName(m[2])) continue;
    out.push({ name: m[2], bytes: Number(m[1]) });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** `ls` of a dir that is not there: an emptyDir wiped with its pod, or AOF never turned on. */
export function isMissingDir(stderr: string): boolean {
  return /No such file or directory/i.test(stderr);
}

/**
 * Why the viewer has no files although the lab runs: the Role lacks `create pods/exec` (checked at start and
 * on a refused exec), or the command failed in the pod. Facts; the browser words them.
 */
export type AofUnavailable =
  | { reason: "exec-forbidden"; permission: string; namespace: string }
  | { reason: "exec-failed"; detail: string };
