import { Hono } from "hono";
import type { Deps } from "../../deps.ts";
import type { AppEnv } from "../../http/env.ts";
import { AuthError } from "../../services/auth/errors.ts";
import { configuredProviders } from "../../services/auth/oauth/configured.ts";
import type { OAuthProviders } from "../../services/auth/oauth/provider.ts";
import { HourlyLimiter } from "../../services/auth/rate-limit.ts";
import { registerMeta } from "./meta.ts";
import { registerOAuth } from "./oauth.ts";
import { registerOtp } from "./otp.ts";
import {
  type AuthEnv,
  apiVersion,
  apiVersionHeader,
  authCtxFactory,
  renderAuthError,
} from "./respond.ts";
import { registerToken } from "./token.ts";
import { registerUser } from "./user.ts";
import { registerVerify } from "./verify.ts";

export interface AuthRoutesOptions {
  /** Replaces the configured OAuth providers (tests stand fake providers here). */
  providers?: OAuthProviders;
}

/**
 * The built-in Supabase-Auth-compatible /auth/v1 (docs: supabase-auth-wire.md). Public
 * endpoints ignore apikey and Authorization; errors are GoTrue-shaped, never problem JSON.
 */
export function authRoutes(deps: Deps, options: AuthRoutesOptions = {}) {
  const signingKey = deps.signingKey;
  if (!signingKey) throw new Error("the built-in auth needs its signing key");
  const env: AuthEnv = {
    deps,
    providers: options.providers ?? configuredProviders(deps.config),
    // Per replica, in memory: see HourlyLimiter for how it adds up over N replicas.
    otpLimiter: new HourlyLimiter(deps.config.auth.otpIpLimitPerHour),
    ctx: authCtxFactory(deps, signingKey),
  };
  const app = new Hono<AppEnv>();
  app.use(async function supabaseApiVersion(c, next) {
    await next();
    c.header(apiVersionHeader, apiVersion);
  });
  app.onError((err, c) => renderAuthError(err, c, deps));
  registerOtp(app, env);
  registerVerify(app, env);
  registerToken(app, env);
  registerUser(app, env);
  registerOAuth(app, env);
  registerMeta(app, env);
  app.all("*", (c) => {
    throw new AuthError(404, "not_found", `${c.req.method} ${c.req.path} does not exist`);
  });
  return app;
}
