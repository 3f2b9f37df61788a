// The bench's own process runs the dashboard's server: how late its event loop ran (what every publication waits
// behind) and, with PROFILE_SERVER=1, where its JavaScript spent the time (an inspector CPU profile).
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { type CpuProfile, printProfile } from "./pageProfile";

export class ServerLoop {
  private readonly delay = monitorEventLoopDelay({ resolution: 10 });
  private session: Session | null = null;

  async start(): Promise<void> {
    this.delay.reset();
    this.delay.enable();
    if (process.env.PROFILE_SERVER !== "1") return;
    this.session = new Session();
    this.session.connect();
    await this.session.post("Profiler.enable");
    await this.session.post("Profiler.start");
  }

  /** The loop's delay since start(), as p50 / p99 / max ms; the profile's top functions when one was taken. */
  async stop(): Promise<string> {
    this.delay.disable();
    const ms = (ns: number) => (ns / 1e6).toFixed(0);
    const figures =
      `event loop delay p50 ${ms(this.delay.percentile(50))} ms, p99 ${ms(this.delay.percentile(99))} ms, ` +
      `max ${ms(this.delay.max)} ms`;
    if (this.session) {
      const { profile } = (await this.session.post("Profiler.stop")) as { profile: CpuProfile };
      printProfile(profile, "the server's process, all runs");
      // For a flame graph (Chrome DevTools or speedscope open a .cpuprofile file).
      if (process.env.PROFILE_SERVER_OUT)
        writeFileSync(process.env.PROFILE_SERVER_OUT, JSON.stringify(profile));
      this.session.disconnect();
      this.session = null;
    }
    return figures;
  }
}
