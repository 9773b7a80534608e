import type { Context } from "hono";
import type { AppEnv } from "../../http/env.ts";
import { finishOAuth } from "../../services/auth/oauth/callback.ts";
import { startOAuth } from "../../services/auth/oauth/start.ts";
import { parsePkce } from "../../services/auth/pkce.ts";
import { resolveRedirect } from "../../services/auth/redirects.ts";
import type { AuthApp, AuthEnv } from "./respond.ts";

/** GET /authorize (signInWithOAuth navigates here) and the provider's GET/POST /callback. */
export function registerOAuth(app: AuthApp, env: AuthEnv) {
  app.get("/authorize", async (c) => {
    const query = new URL(c.req.url).searchParams;
    const url = await startOAuth({
      ctx: env.ctx(c),
      providers: env.providers,
      input: {
        provider: query.get("provider") ?? "",
        redirectTo: resolveRedirect(env.deps.config, query.get("redirect_to")),
        scopes: query.get("scopes") ?? undefined,
        pkce: parsePkce(query.get("code_challenge"), query.get("code_challenge_method")),
        extra: [...query.entries()],
      },
    });
    // What GoTrue does for skipBrowserRedirect clients that fetch instead of navigating.
    if (query.get("skip_http_redirect") === "true") return c.json({ url });
    return c.redirect(url, 302);
  });

  const callback = async (c: Context<AppEnv>) => {
    const params = new URL(c.req.url).searchParams;
    if (c.req.method === "POST") {
      const form = await c.req.parseBody().catch(() => ({}));
      for (const [k, v] of Object.entries(form)) if (typeof v === "string") params.set(k, v);
    }
    const location = await finishOAuth({
      ctx: env.ctx(c),
      providers: env.providers,
      input: {
        state: params.get("state") ?? undefined,
        code: params.get("code") ?? undefined,
        error: params.get("error") ?? undefined,
        errorDescription: params.get("error_description") ?? undefined,
      },
    });
    return c.redirect(location, 302);
  };
  app.get("/callback", callback);
  app.post("/callback", callback);
}
