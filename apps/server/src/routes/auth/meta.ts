import type { AuthApp, AuthEnv } from "./respond.ts";

/** GET /settings (which sign-in methods exist) and the JWKS the API and getClaims verify with. */
export function registerMeta(app: AuthApp, env: AuthEnv) {
  const { config, mailer, signingKey } = env.deps;
  app.get("/settings", (c) =>
    c.json({
      external: {
        anonymous_users: false,
        email: mailer.enabled,
        phone: false,
        github: !!config.github,
        google: !!config.google,
      },
      disable_signup: false,
      mailer_autoconfirm: true,
      phone_autoconfirm: false,
      sms_provider: "",
      saml_enabled: false,
    }),
  );

  app.get("/.well-known/jwks.json", (c) => {
    c.header("cache-control", "public, max-age=600");
    return c.json({ keys: signingKey ? [signingKey.publicJwk] : [] });
  });
}
