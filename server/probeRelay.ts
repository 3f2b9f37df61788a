import { foldOutcomes, type LaneOutcomes, NO_OUTCOMES } from "@/lib/streamBatch";
import type { ProbeSample } from "@/lib/types";

/** Steady probe batches go to the browsers once per this period, on its whole multiples of the server's clock. */
export const RELAY_PERIOD_MS = 1000;

/**
 * The probe stream as browsers get it. The probes publish a tick five times a second; a browser draws steady
 * samples once a second anyway (components/lab/LabConnection.ts), so sending each tick cost every browser five
 * messages and each a batch header where one would do: 300 browsers were 1,500 socket writes a second, the
 * server's top cost in bench:latency, and 2.8 KB/s per browser against DESIGN §7's 2 KB/s. A second's ticks go as
 * one message; a batch in which a lane turns (its reads fail or answer again) goes at once, with what waited
 * before it, because that is the moment the room is watching.
 */
export class ProbeRelay {
  private pending: ProbeSample[] = [];
  private outcomes: LaneOutcomes = NO_OUTCOMES;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly send: (samples: ProbeSample[]) => void,
    private readonly periodMs = RELAY_PERIOD_MS,
  ) {}

  push(samples: readonly ProbeSample[]): void {
    const { outcomes, turned } = foldOutcomes(this.outcomes, samples);
    this.outcomes = outcomes;
    for (const s of samples) this.pending.push(s);
    if (turned) this.flush();
    else if (!this.timer && this.pending.length) {
      this.timer = setTimeout(() => this.flush(), this.periodMs - (Date.now() % this.periodMs));
      this.timer.unref();
    }
  }

  /** Sends what waits now: before a snapshot is taken, so no browser gets a sample twice or never. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    this.send(this.pending.splice(0));
  }
}
