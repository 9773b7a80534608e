import { pino } from "pino";
import type { Config } from "./config.ts";

export type Logger = pino.Logger;

export function createLogger(config: Pick<Config, "logLevel">): Logger {
  return pino({
    level: config.logLevel,
    base: { service: "edgeplane" },
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.apikey",
        "req.headers.cookie",
        "*.secret",
        "*.password",
        "*.token",
      ],
      censor: "[redacted]",
    },
  });
}
