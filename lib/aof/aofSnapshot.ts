// Lab A's AOF viewer input, as the server reads it and the browser draws it.
import type { AofDirView } from "./aofDir";
import type { AofUnavailable } from "./aofListing";

/** The AOF viewer's input: the master pod's `appendonlydir/`, read again about once a second. */
export interface AofSnapshot {
  pod: string;
  /** When the dir was read (ms). */
  at: number;
  /** Whether the master keeps the dir across recreation (its PVC); null where the platform does not say. */
  persistence: boolean | null;
  dir: AofDirView;
  /** Files too big to decode in the browser are listed with their size only. */
  decodeLimitBytes: number;
  /** Why there are no files although the lab runs (kubernetes without `create pods/exec`); absent: none. */
  unavailable?: AofUnavailable | null;
}
