import { z } from "zod";
import { AuthError, invalid } from "../../services/auth/errors.ts";
import { sessionParams } from "../../services/auth/issue-session.ts";
import {
  errorRedirect,
  resolveRedirect,
  withFragment,
  withQuery,
} from "../../services/auth/redirects.ts";
import { verifyCode, verifyLink, verifyTokenHash } from "../../services/auth/verify-otp.ts";
import { type AuthApp, type AuthEnv, parseWith, readJsonObject } from "./respond.ts";

/** GoTrue's verification types; only the e-mail ones can match a token we issued. */
const verifyTypes = [
  "magiclink",
  "signup",
  "invite",
  "recovery",
  "email_change",
  "email",
  "sms",
  "phone_change",
] as const;

const verifyBody = z.object({
  type: z.enum(verifyTypes),
  email: z.string().trim().toLowerCase().nullish(),
  phone: z.string().nullish(),
  token: z.string().trim().nullish(),
  token_hash: z.string().trim().nullish(),
});

/** GET /verify (the e-mailed link) and POST /verify (verifyOtp). */
export function registerVerify(app: AuthApp, env: AuthEnv) {
  app.get("/verify", async (c) => {
    const token = c.req.query("token") ?? "";
    const type = c.req.query("type") ?? "";
    // As GoTrue: a malformed link is a 4xx; a token that fails is a redirect with the error.
    if (!token) throw invalid("Verify requires a token or a token hash");
    if (!(verifyTypes as readonly string[]).includes(type)) {
      throw invalid("Unsupported verification type");
    }
    const target = resolveRedirect(env.deps.config, c.req.query("redirect_to"));
    try {
      const result = await verifyLink({ ctx: env.ctx(c), input: { token, type } });
      if (result.kind === "code") {
        return c.redirect(withQuery(target, new URLSearchParams({ code: result.authCode })), 303);
      }
      return c.redirect(withFragment(target, sessionParams(result.session, type)), 303);
    } catch (err) {
      if (!(err instanceof AuthError)) throw err;
      const pkce = token.startsWith("pkce_");
      return c.redirect(errorRedirect(target, err, { query: pkce }), 303);
    }
  });

  app.post("/verify", async (c) => {
    const body = parseWith(verifyBody, await readJsonObject(c));
    const ctx = env.ctx(c);
    if (body.token && body.token_hash) {
      throw invalid("Only one of token or token_hash can be given");
    }
    if (body.token_hash) {
      if (body.email || body.phone || c.req.query("redirect_to")) {
        throw invalid("Only the token_hash and type should be provided");
      }
      const session = await verifyTokenHash({
        ctx,
        input: { tokenHash: body.token_hash, type: body.type },
      });
      return c.json(session);
    }
    if (!body.token) throw invalid("Verify requires a token or a token hash");
    if (body.phone) throw invalid("Phone sign-in is not supported");
    if (!body.email) throw invalid("Verify requires an email address with the token");
    const session = await verifyCode({
      ctx,
      input: { email: body.email, code: body.token, type: body.type },
    });
    return c.json(session);
  });
}
