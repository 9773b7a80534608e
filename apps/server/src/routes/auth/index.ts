import { Hono } from "hono";
import type { Deps } from "../../deps.ts";
import type { AppEnv } from "../../http/env.ts";

/** The built-in Supabase-compatible /auth/v1 (placeholder until the auth routes land). */
export function authRoutes(_deps: Deps) {
  const app = new Hono<AppEnv>();
  return app;
}
