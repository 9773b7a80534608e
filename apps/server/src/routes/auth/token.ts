import { z } from "zod";
import { invalid } from "../../services/auth/errors.ts";
import { exchangeCode } from "../../services/auth/exchange-code.ts";
import { refreshSession } from "../../services/auth/refresh.ts";
import { type AuthApp, type AuthEnv, parseWith, readJsonObject } from "./respond.ts";

const pkceBody = z.object({
  auth_code: z.string().nullish(),
  code_verifier: z.string().nullish(),
});
const refreshBody = z.object({ refresh_token: z.string().nullish() });

/** POST /token: the pkce and refresh_token grants (no passwords in the built-in auth). */
export function registerToken(app: AuthApp, env: AuthEnv) {
  app.post("/token", async (c) => {
    const grant = c.req.query("grant_type");
    const body = await readJsonObject(c);
    const ctx = env.ctx(c);
    if (grant === "pkce") {
      const b = parseWith(pkceBody, body);
      const session = await exchangeCode({
        ctx,
        input: { authCode: b.auth_code ?? "", codeVerifier: b.code_verifier ?? "" },
      });
      return c.json(session);
    }
    if (grant === "refresh_token") {
      const b = parseWith(refreshBody, body);
      const session = await refreshSession({ ctx, input: { refreshToken: b.refresh_token ?? "" } });
      return c.json(session);
    }
    throw invalid("unsupported_grant_type: use pkce or refresh_token");
  });
}
