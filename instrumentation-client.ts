import { config } from "zod/v4/core";

// Runs in the browser before the dashboard's code. Its CSP has no 'unsafe-eval', and Zod probes `new Function`
// for its compiled object parser: the browser reports that probe as a violation even though Zod falls back.
// The interpreted parser validates the same.
config({ jitless: true });
