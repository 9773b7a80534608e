import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import type { SigningKey } from "../../auth/signing-key.ts";
import type { Deps } from "../../deps.ts";
import type { AppEnv } from "../../http/env.ts";
import type { AuthCtx } from "../../services/auth/context.ts";
import { AuthError } from "../../services/auth/errors.ts";
import type { OAuthProviders } from "../../services/auth/oauth/provider.ts";
import type { HourlyLimiter } from "../../services/auth/rate-limit.ts";

export type AuthApp = Hono<AppEnv>;

/** What the /auth/v1 route files share. */
export interface AuthEnv {
  deps: Deps;
  providers: OAuthProviders;
  otpLimiter: HourlyLimiter;
  ctx(c: Context<AppEnv>): AuthCtx;
}

export const apiVersionHeader = "x-supabase-api-version";
export const apiVersion = "2024-01-01";

/** The caller's address: the socket's peer; in-process requests (tests) have none. */
export function clientIp(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}

export function authCtxFactory(deps: Deps, signingKey: SigningKey) {
  return (c: Context<AppEnv>): AuthCtx => ({
    db: deps.database.db,
    config: deps.config,
    signingKey,
    mailer: deps.mailer,
    log: c.get("log") ?? deps.log,
    client: { ip: clientIp(c), userAgent: c.req.header("user-agent") },
  });
}

/**
 * The surface's one error renderer: GoTrue's `{code, message}` with the API version echoed
 * (supabase-js reads `code` only when the header says 2024-01-01 or later).
 */
export function renderAuthError(err: unknown, c: Context<AppEnv>, deps: Deps): Response {
  let e: AuthError;
  if (err instanceof AuthError) e = err;
  else if (err instanceof HTTPException && err.status < 500) {
    e = new AuthError(err.status, "validation_failed", err.message || "Bad request");
  } else {
    (c.get("log") ?? deps.log).error({ err }, "auth: request failed");
    e = new AuthError(
      500,
      "unexpected_failure",
      "Unexpected failure, please check server logs for more information",
    );
  }
  c.header(apiVersionHeader, apiVersion);
  return c.json({ code: e.code, message: e.message }, e.status as ContentfulStatusCode);
}

/** A JSON object body; empty means `{}` (POST /logout sends a JSON content type and nothing). */
export async function readJsonObject(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AuthError(400, "bad_json", "Could not parse request body as JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new AuthError(400, "bad_json", "The request body must be a JSON object");
  }
  return value as Record<string, unknown>;
}

/** Validates with zod; the first issue names the field, as a 400 validation_failed. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join(".") || "body";
  throw new AuthError(400, "validation_failed", `${field}: ${issue?.message ?? "invalid"}`);
}
