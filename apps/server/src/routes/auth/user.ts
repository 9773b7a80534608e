import { authenticate } from "../../services/auth/authenticate.ts";
import { invalid } from "../../services/auth/errors.ts";
import { type SignOutScope, signOut } from "../../services/auth/sign-out.ts";
import type { AuthApp, AuthEnv } from "./respond.ts";

const scopes = new Set<string>(["global", "local", "others"]);

/** GET /user (getUser) and POST /logout (signOut), both with the user's access token. */
export function registerUser(app: AuthApp, env: AuthEnv) {
  const { deps } = env;
  app.get("/user", async (c) => {
    const { user } = await authenticate(
      deps.database.db,
      deps.verifier,
      c.req.header("authorization"),
    );
    return c.json(user);
  });

  app.post("/logout", async (c) => {
    const scope = c.req.query("scope") ?? "global";
    if (!scopes.has(scope)) throw invalid("Unsupported logout scope: use global, local or others");
    const { token } = await authenticate(
      deps.database.db,
      deps.verifier,
      c.req.header("authorization"),
    );
    await signOut({
      ctx: env.ctx(c),
      input: { userId: token.userId, sessionId: token.sessionId, scope: scope as SignOutScope },
    });
    return c.body(null, 204);
  });
}
