import { describeAofDir } from "@/lib/aof/aofDir";
import type { AofUnavailable } from "@/lib/aof/aofListing";
import { AOF_WINDOW_BYTES, aofTail } from "@/lib/aof/aofWindow";
import type { AofSnapshot } from "@/lib/aof/aofSnapshot";
import { AofUnavailableError, type Platform } from "../platform/types";
import type { Store } from "../store";
import { withReplication } from "@/lib/labs/replication/state";

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
    let files: { name: string; data: Uint8Array; size?: number }[] = [];
    if (pod && this.platform.aofFiles && !unavailable) {
      try {
        files = await this.platform.aofFiles(pod);
      } catch (err) {
        if (!(err instanceof AofUnavailableError)) throw err;
        unavailable = err.unavailable;
      }
    }
    // A file over the window is decoded from its tail (a platform may have read only that tail already).
    const dir = describeAofDir(
      files.map((f) => {
        const size = f.size ?? f.data.length;
        if (size <= AOF_DECODE_LIMIT_BYTES || f.name.endsWith(".manifest")) return f;
        // An RDB base is binary from anywhere: its size is all the viewer says of it.
        if (f.name.endsWith(".rdb")) return { name: f.name, data: f.data.subarray(0, 0), size, offset: size };
        const tail = aofTail(f.data, size, AOF_DECODE_LIMIT_BYTES);
        return { name: f.name, data: tail.data, size, offset: tail.offset };
      }),
    );
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
      this.store.setLabState(withReplication(this.store.labState, { aof: snap }));
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
