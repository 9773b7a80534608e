/**
 * `npm run demo`: the platform with a demo org, a simulated fleet tunnelled to reference
 * upstreams and a customer key, printed ready for curl and the OpenAI SDK. Ctrl-C stops it.
 */
import { ConfigError } from "../config.ts";
import { demoBanner } from "./banner.ts";
import { ensureDashboard } from "./dashboard.ts";
import { DemoUsageError, demoOptionsFromEnv } from "./options.ts";
import { relayOutbox } from "./outbox.ts";
import { type RunningDemo, startDemo } from "./run.ts";

const write = (text: string) => process.stdout.write(text);

let demo: RunningDemo | undefined;
let stoppingSince: number | null = null;
let stopRelay = () => {};

function shutdown(running: RunningDemo): void {
  stopRelay();
  running.stop().then(
    () => {
      write("demo: stopped cleanly\n");
      process.exit(0);
    },
    (err: unknown) => {
      process.stderr.write(`demo: shutdown failed: ${String(err)}\n`);
      process.exit(1);
    },
  );
}

/**
 * Registered before start-up, so a Ctrl-C while the database opens still closes it cleanly.
 * A second Ctrl-C forces the exit; one echoed by npm in the same instant does not.
 */
function onSignal(signal: string): void {
  if (stoppingSince !== null) {
    if (Date.now() - stoppingSince < 1000) return;
    write("demo: already stopping; exiting now\n");
    process.exit(1);
  }
  stoppingSince = Date.now();
  write(`\ndemo: ${signal}: stopping the agents, the upstreams and the server...\n`);
  if (demo) shutdown(demo);
}
process.on("SIGINT", () => onSignal("Ctrl-C"));
process.on("SIGTERM", () => onSignal("SIGTERM"));

try {
  const started = performance.now();
  const options = demoOptionsFromEnv(process.env);
  await ensureDashboard(write);
  write(`demo: starting the server and a simulated fleet (data in ${options.dataDir})...\n`);
  demo = await startDemo(options);
  if (stoppingSince !== null) shutdown(demo);
  else {
    write(demoBanner(demo));
    write(`  Ready in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
    stopRelay = relayOutbox(demo.server.deps.outbox, write);
  }
} catch (err) {
  if (err instanceof DemoUsageError || err instanceof ConfigError) {
    process.stderr.write(`demo: ${err.message}\n`);
    process.exit(78);
  }
  throw err;
}
