import path from "node:path";
import { type Config, loadConfig } from "../config.ts";

export interface DemoOptions {
  /** 0 picks a free port. */
  port: number;
  /** The demo's own DATA_DIR: never the real `./data`. */
  dataDir: string;
  /** The server's LOG_LEVEL (validated by its configuration). */
  logLevel: string;
}

export class DemoUsageError extends Error {}

/** DEMO_PORT (3000), DEMO_DATA_DIR (./.data-demo), LOG_LEVEL (warn: the banner stays readable). */
export function demoOptionsFromEnv(env: Record<string, string | undefined>): DemoOptions {
  const port = Number(env.DEMO_PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new DemoUsageError(`DEMO_PORT must be a port number, got ${env.DEMO_PORT}`);
  }
  return {
    port,
    dataDir: path.resolve(env.DEMO_DATA_DIR ?? ".data-demo"),
    logLevel: env.LOG_LEVEL ?? "warn",
  };
}

/**
 * The server's configuration for the demo: embedded PGlite and built-in auth with the dev
 * outbox in the demo's data dir, whatever the shell says about a real database or Supabase.
 */
export function demoConfig(o: DemoOptions): Config {
  return loadConfig({
    NODE_ENV: "development",
    HOST: "127.0.0.1",
    PORT: String(o.port),
    PUBLIC_URL: `http://localhost:${o.port}`,
    DATA_DIR: o.dataDir,
    LOG_LEVEL: o.logLevel,
    // Nodes turn online a couple of seconds after their first sample.
    HEALTH_INTERVAL_SECONDS: "2",
  });
}

/** The in-process agents log at the server's level, in the agent's own vocabulary. */
export function agentLogLevel(
  level: Config["logLevel"],
): "debug" | "info" | "warn" | "error" | "silent" {
  if (level === "trace") return "debug";
  if (level === "fatal") return "error";
  return level;
}
