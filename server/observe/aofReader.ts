import { describeAofDir } from "@/lib/aof/aofDir";
import type { AofUnavailable } from "@/lib/aof/aofListing";
import { AOF_WINDOW_BYTES } from "@/lib/aof/aofWindow";
import type { AofSnapshot } from "@/lib/protocol";
import { AofUnavailableError, type Platform } from "../platform/types";
import type { Store } from "../store";

/** The viewer grows live: the dir is read again this often, and published when a file changed. */
const READ_EVERY_MS = 1000;
/** Files larger than this are decoded from their last window only (lib/aof/aofWindow). */
export const AOF_DECODE_LIMIT_BYTES = AOF_WINDOW_BYTES;

/** Reads the master pod's `appendonlydir/` for the AOF viewer (lab A). */
export class AofReader {
  private timer: NodeJS.Timeout | null = null;
  private lastKey = "";
  private reading = false;

  constructor(
    private readonly platform: Platform,
    private readonly store: Store,
  ) {}

  start(): void {
    if (this.timer) return;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), READ_EVERY_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async readNow(): Promise<AofSnapshot> {
    const pod = this.masterPod();
    let unavailable: AofUnavailable | null = this.platform.aofUnavailable?.() ?? null;
    let files: { name: string; data: Uint8Array }[] = [];
    if (pod && this.platform.aofFiles && !unavailable) {
      try {
        files = await this.platform.aofFiles(pod);
      } catch (err) {
        if (!(err instanceof AofUnavailableError)) throw err;
        unavailable = err.unavailable;
      }
    }
    const small = files.map((f) =>
      // Only the name and size of a file too big to decode: describeAofDir counts bytes from `data`.
      f.data.length > AOF_DECODE_LIMIT_BYTES
        ? { name: f.name, data: f.data, skip: true }
        : { ...f, skip: false },
    );
    const dir = describeAofDir(small);
    for (const f of dir.files) {
      if (small.find((s) => s.name === f.name)?.skip) f.decoded = null;
    }
    return {
      pod: pod ?? "",
      at: Date.now(),
      persistence: this.platform.persistence,
      dir,
      decodeLimitBytes: AOF_DECODE_LIMIT_BYTES,
      unavailable,
    };
  }

  private async refresh(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    try {
      const snap = await this.readNow();
      if (!this.timer) return;
      const key = JSON.stringify([
        snap.pod,
        snap.dir.files.map((f) => [f.name, f.bytes]),
        snap.dir.missing,
        snap.unavailable,
      ]);
      if (key === this.lastKey) return;
      this.lastKey = key;
      this.store.setAof(snap);
    } catch (err) {
      console.error("reading the AOF failed:", err);
    } finally {
      this.reading = false;
    }
  }

  private masterPod(): string | null {
    return this.platform.pods().find((p) => p.name.endsWith("-master-0"))?.name ?? null;
  }
}
