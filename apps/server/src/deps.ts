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
import { TelemetryWriter } from "./services/telemetry/writer.ts";
import type { TunnelOptions } from "./tunnel/connection.ts";
import { TunnelHub } from "./tunnel/registry.ts";

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
  /** Group-commit writer of agent telemetry; flushed on shutdown. */
  telemetry: TelemetryWriter;
  /** Agent tunnels terminating on this replica (the gateway routes through them). */
  tunnels: TunnelHub;
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
  overrides: Partial<Pick<Deps, "database" | "log">> & { tunnel?: Partial<TunnelOptions> } = {},
): Promise<Deps> {
  const log = overrides.log ?? createLogger(config);
  const database =
    overrides.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      sharedBuffers: config.pgliteSharedBuffers,
    }));
  const signingKey =
    config.authMode === "builtin" ? await loadSigningKey(config.dataDir) : undefined;
  const { mailer, outbox } = createMailer(config, log);
  if (config.authMode === "builtin" && !mailer.enabled) log.error(mailer.reason);
  const metrics = createHttpMetrics();
  return {
    config,
    database,
    log,
    metrics,
    mailer,
    outbox,
    signingKey,
    verifier: createTokenVerifier(config, signingKey),
    sessions:
      config.authMode === "builtin"
        ? builtinSessionChecker(database)
        : supabaseSessionChecker(config),
    telemetry: new TelemetryWriter(database.db, { ...config.ops.ingest, log }),
    tunnels: new TunnelHub({ ...overrides.tunnel, log, registry: metrics.registry }),
  };
}
