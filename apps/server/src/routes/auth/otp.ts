import { z } from "zod";
import { AuthError, invalid } from "../../services/auth/errors.ts";
import { parsePkce } from "../../services/auth/pkce.ts";
import { resolveRedirect } from "../../services/auth/redirects.ts";
import { sendOtp } from "../../services/auth/send-otp.ts";
import { type AuthApp, type AuthEnv, parseWith, readJsonObject } from "./respond.ts";

const otpBody = z.object({
  email: z.string().trim().toLowerCase().max(255).pipe(z.email()).optional(),
  phone: z.string().optional(),
  data: z.record(z.string(), z.unknown()).nullish(),
  create_user: z.boolean().nullish(),
  code_challenge: z.unknown().optional(),
  code_challenge_method: z.unknown().optional(),
});

/** POST /otp (signInWithOtp): e-mails a magic link and a 6-digit code. */
export function registerOtp(app: AuthApp, env: AuthEnv) {
  app.post("/otp", async (c) => {
    const body = parseWith(otpBody, await readJsonObject(c));
    if (!body.email) {
      throw invalid(body.phone ? "Phone sign-in is not supported" : "An email address is required");
    }
    const pkce = parsePkce(body.code_challenge, body.code_challenge_method);
    const ctx = env.ctx(c);
    if (!env.otpLimiter.hit(ctx.client.ip)) {
      throw new AuthError(429, "over_request_rate_limit", "Request rate limit reached");
    }
    await sendOtp({
      ctx,
      input: {
        email: body.email,
        data: body.data ?? {},
        createUser: body.create_user ?? true,
        pkce,
        redirectTo: resolveRedirect(env.deps.config, c.req.query("redirect_to")),
      },
    });
    return c.json({});
  });
}
