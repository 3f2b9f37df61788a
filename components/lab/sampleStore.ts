import { appendSamples } from "@/lib/sampleBuffer";
import type { ProbeSample } from "@/lib/types";

/**
 * The browser's probe samples, outside the dashboard state: a batch several times a second re-renders only the
 * panels that draw samples (they subscribe, components/lab/samples.tsx), not every panel that takes the state.
 * Listeners are told synchronously, so an update made inside startTransition renders at low priority.
 */
export class SampleStore {
  private samples: readonly ProbeSample[] = [];
  private readonly listeners = new Set<() => void>();

  get(): readonly ProbeSample[] {
    return this.samples;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  append(add: readonly ProbeSample[]): void {
    this.set(appendSamples(this.samples, add));
  }

  /** A snapshot's samples: the browser's copy starts again from them. */
  replace(samples: readonly ProbeSample[]): void {
    this.set(appendSamples([], samples));
  }

  private set(next: readonly ProbeSample[]): void {
    if (next === this.samples) return;
    this.samples = next;
    for (const l of this.listeners) l();
  }
}
