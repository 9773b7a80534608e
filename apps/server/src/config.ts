import path from "node:path";
import { defaultPgliteSharedBuffers } from "@edgeplane/db";
import { z } from "zod";
import { type OpsConfig, opsConfig, opsEnvShape } from "./jobs/config.ts";

const optional = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  PUBLIC_URL: optional.pipe(z.url().optional()),
  DATA_DIR: z.string().default("./data"),
  DATABASE_URL: optional,
  /** PGlite's shared_buffers: the embedded database's page cache, taken from the process's RSS. */
  PGLITE_SHARED_BUFFERS: z
    .string()
    .regex(/^[1-9][0-9]*(kB|MB|GB)$/, "a size such as 32MB")
    .default(defaultPgliteSharedBuffers),
  SUPABASE_URL: optional.pipe(z.url().optional()),
  SUPABASE_ANON_KEY: optional,
  SUPABASE_JWT_SECRET: optional,
  SMTP_URL: optional,
  MAIL_FROM: z.string().default("Edgeplane <no-reply@edgeplane.local>"),
  GITHUB_CLIENT_ID: optional,
  GITHUB_CLIENT_SECRET: optional,
  GOOGLE_CLIENT_ID: optional,
  GOOGLE_CLIENT_SECRET: optional,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  CORS_ORIGINS: optional,
  METRICS_TOKEN: optional,
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  /** Seconds an access token lives; supabase-js needs well over 120 s. */
  JWT_EXPIRY: z.coerce.number().int().min(300).max(86_400).default(3600),
  REFRESH_REUSE_INTERVAL: z.coerce.number().int().min(0).max(3600).default(10),
  OTP_EXPIRY: z.coerce.number().int().min(60).max(86_400).default(3600),
  OTP_EMAIL_INTERVAL: z.coerce.number().int().min(0).max(3600).default(60),
  OTP_IP_LIMIT_PER_HOUR: z.coerce.number().int().min(1).default(30),
  ...opsEnvShape,
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env["NODE_ENV"];
  production: boolean;
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl?: string;
  pgliteSharedBuffers: string;
  authMode: "builtin" | "supabase";
  supabase?: { url: string; anonKey: string; jwtSecret?: string };
  smtpUrl?: string;
  mailFrom: string;
  github?: { clientId: string; clientSecret: string };
  google?: { clientId: string; clientSecret: string };
  logLevel: Env["LOG_LEVEL"];
  corsOrigins: string[];
  metricsToken?: string;
  bodyLimitBytes: number;
  auth: {
    jwtExpiry: number;
    refreshReuseInterval: number;
    otpExpiry: number;
    otpEmailInterval: number;
    otpIpLimitPerHour: number;
  };
  /** Health thresholds, telemetry retention, background jobs. */
  ops: OpsConfig;
}

export class ConfigError extends Error {}

/** Reads the environment once at start-up; a bad value stops the process with its name. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join("\n  ")}`);
  }
  const e = parsed.data;
  const pair = (id?: string, secret?: string) =>
    id && secret ? { clientId: id, clientSecret: secret } : undefined;
  if ((e.SUPABASE_URL === undefined) !== (e.SUPABASE_ANON_KEY === undefined)) {
    throw new ConfigError("SUPABASE_URL and SUPABASE_ANON_KEY must be set together");
  }
  const supabase =
    e.SUPABASE_URL && e.SUPABASE_ANON_KEY
      ? {
          url: e.SUPABASE_URL.replace(/\/+$/, ""),
          anonKey: e.SUPABASE_ANON_KEY,
          jwtSecret: e.SUPABASE_JWT_SECRET,
        }
      : undefined;
  return {
    env: e.NODE_ENV,
    production: e.NODE_ENV === "production",
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    pgliteSharedBuffers: e.PGLITE_SHARED_BUFFERS,
    authMode: supabase ? "supabase" : "builtin",
    supabase,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    github: pair(e.GITHUB_CLIENT_ID, e.GITHUB_CLIENT_SECRET),
    google: pair(e.GOOGLE_CLIENT_ID, e.GOOGLE_CLIENT_SECRET),
    logLevel: e.LOG_LEVEL,
    corsOrigins: (e.CORS_ORIGINS ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    metricsToken: e.METRICS_TOKEN,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    auth: {
      jwtExpiry: e.JWT_EXPIRY,
      refreshReuseInterval: e.REFRESH_REUSE_INTERVAL,
      otpExpiry: e.OTP_EXPIRY,
      otpEmailInterval: e.OTP_EMAIL_INTERVAL,
      otpIpLimitPerHour: e.OTP_IP_LIMIT_PER_HOUR,
    },
    ops: opsConfig(e),
  };
}

/** The issuer of tokens: the project's in Supabase mode, ours otherwise. */
export function authIssuer(config: Config): string {
  return config.supabase ? `${config.supabase.url}/auth/v1` : `${config.publicUrl}/auth/v1`;
}

const loopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

/**
 * Origins the dashboard may be opened at: PUBLIC_URL, and when that is a loopback address,
 * its other loopback spellings on the same port (http://127.0.0.1:3000 for
 * http://localhost:3000), so a first run works whichever one the browser was given.
 */
export function dashboardOrigins(config: Pick<Config, "publicUrl">): string[] {
  const site = new URL(config.publicUrl);
  if (!loopbackHosts.includes(site.hostname)) return [site.origin];
  return [
    site.origin,
    ...loopbackHosts
      .filter((h) => h !== site.hostname)
      .map((h) => `${site.protocol}//${h}${site.port ? `:${site.port}` : ""}`),
  ];
}
