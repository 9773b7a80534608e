import { type Database, openDatabase } from "@edgeplane/db";
import {
  builtinSessionChecker,
  type SessionChecker,
  supabaseSessionChecker,
} from "./auth/session-check.ts";
import { loadSigningKey, type SigningKey } from "./auth/signing-key.ts";
import { createTokenVerifier, type TokenVerifier } from "./auth/verify.ts";
import type { Config } from "./config.ts";
import { createHttpMetrics, type HttpMetrics } from "./http/middleware/metrics.ts";
import { createLogger, type Logger } from "./logger.ts";
import { DevOutbox, DisabledMailer, type Mailer, SmtpMailer } from "./mail/mailer.ts";

/** Everything the app needs, built once at start-up (tests build their own). */
export interface Deps {
  config: Config;
  database: Database;
  log: Logger;
  metrics: HttpMetrics;
  mailer: Mailer;
  outbox?: DevOutbox;
  signingKey?: SigningKey;
  verifier: TokenVerifier;
  sessions: SessionChecker;
}

export function createMailer(config: Config, log: Logger): { mailer: Mailer; outbox?: DevOutbox } {
  if (config.smtpUrl) return { mailer: new SmtpMailer(config.smtpUrl, config.mailFrom) };
  if (config.production) {
    return {
      mailer: new DisabledMailer(
        "Magic-link sign-in is off: SMTP_URL is not set, and the dev outbox is not available in production",
      ),
    };
  }
  const outbox = new DevOutbox(log);
  return { mailer: outbox, outbox };
}

export async function createDeps(
  config: Config,
  overrides: Partial<Pick<Deps, "database" | "log">> = {},
): Promise<Deps> {
  const log = overrides.log ?? createLogger(config);
  const database =
    overrides.database ??
    (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  const signingKey =
    config.authMode === "builtin" ? await loadSigningKey(config.dataDir) : undefined;
  const { mailer, outbox } = createMailer(config, log);
  if (config.authMode === "builtin" && !mailer.enabled) log.error(mailer.reason);
  return {
    config,
    database,
    log,
    metrics: createHttpMetrics(),
    mailer,
    outbox,
    signingKey,
    verifier: createTokenVerifier(config, signingKey),
    sessions:
      config.authMode === "builtin"
        ? builtinSessionChecker(database)
        : supabaseSessionChecker(config),
  };
}
