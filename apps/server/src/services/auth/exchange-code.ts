import { schema } from "@edgeplane/db";
import { eq } from "drizzle-orm";
import { type AuthCtx, uuidPattern } from "./context.ts";
import { AuthError, invalid } from "./errors.ts";
import { type SessionJson, startSession } from "./issue-session.ts";
import { verifierMatches } from "./pkce.ts";
import { isBanned } from "./user-json.ts";

/** Seconds an auth code may wait for its exchange (GoTrue's flow-state expiry). */
export const flowStateExpiry = 300;

/** POST /token?grant_type=pkce: the auth code and the browser's verifier buy one session. */
export async function exchangeCode({
  ctx,
  input,
}: {
  ctx: AuthCtx;
  input: { authCode: string; codeVerifier: string };
}): Promise<SessionJson> {
  if (!input.authCode || !input.codeVerifier) {
    throw invalid("invalid request: both auth code and code verifier should be non-empty");
  }
  const notFound = new AuthError(
    404,
    "flow_state_not_found",
    "invalid flow state, no valid flow state found",
  );
  if (!uuidPattern.test(input.authCode)) throw notFound;
  return ctx.db.transaction(async (tx) => {
    const [flow] = await tx
      .select()
      .from(schema.flowStates)
      .where(eq(schema.flowStates.authCode, input.authCode))
      .for("update")
      .limit(1);
    if (!flow?.userId || !flow.authCodeIssuedAt || !flow.codeChallenge) throw notFound;
    const issuedAt = flow.authCodeIssuedAt.getTime();
    if (Date.now() - issuedAt > flowStateExpiry * 1000) {
      throw new AuthError(422, "flow_state_expired", "invalid flow state, flow state has expired");
    }
    const method = flow.codeChallengeMethod === "plain" ? "plain" : "s256";
    if (!verifierMatches({ challenge: flow.codeChallenge, method }, input.codeVerifier)) {
      throw new AuthError(
        400,
        "bad_code_verifier",
        "code challenge does not match previously saved code verifier",
      );
    }
    await tx.delete(schema.flowStates).where(eq(schema.flowStates.id, flow.id));
    const [user] = await tx
      .select()
      .from(schema.users)
      .where(eq(schema.users.id, flow.userId))
      .limit(1);
    if (!user) throw notFound;
    if (isBanned(user)) throw new AuthError(403, "user_banned", "User is banned");
    const oauth = flow.authenticationMethod === "oauth";
    return startSession(ctx, tx, {
      userId: user.id,
      method: oauth ? "oauth" : "magiclink",
      providerTokens:
        oauth && flow.providerAccessToken
          ? {
              accessToken: flow.providerAccessToken,
              refreshToken: flow.providerRefreshToken ?? undefined,
            }
          : undefined,
    });
  });
}
