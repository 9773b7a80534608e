import { createRoute, z } from "@hono/zod-openapi";
import { dashboardOrigins } from "../../config.ts";
import type { Deps } from "../../deps.ts";
import type { Api } from "../types.ts";
import { json } from "./schemas.ts";

const configSchema = z
  .object({
    authMode: z.enum(["builtin", "supabase"]),
    supabaseUrl: z.string(),
    supabaseAnonKey: z.string(),
    providers: z.object({ email: z.boolean(), github: z.boolean(), google: z.boolean() }),
  })
  .openapi("RuntimeConfig");

const route = createRoute({
  method: "get",
  path: "/config",
  tags: ["Account"],
  summary: "The dashboard's runtime configuration",
  responses: { 200: json(configSchema, "Auth mode and enabled sign-in methods") },
});

/**
 * In built-in mode the SPA talks to our own /auth/v1 with a placeholder key: the built-in auth
 * accepts any apikey, and the key is never read as a user token.
 */
export function registerConfig(app: Api, deps: Deps) {
  app.openapi(route, (c) => {
    const { config, mailer } = deps;
    const supabase = config.supabase;
    // Built-in auth lives on this origin: answer the one the browser used, if it is ours.
    const origin = new URL(c.req.url).origin;
    const own = dashboardOrigins(config).includes(origin) ? origin : config.publicUrl;
    return c.json(
      {
        authMode: config.authMode,
        supabaseUrl: supabase ? supabase.url : own,
        supabaseAnonKey: supabase ? supabase.anonKey : "edgeplane-builtin",
        providers: supabase
          ? { email: true, github: true, google: true }
          : { email: mailer.enabled, github: !!config.github, google: !!config.google },
      },
      200,
    );
  });
}
