import { schema } from "@edgeplane/db";
import { and, desc, eq, lt } from "drizzle-orm";
import type { Tx } from "../context.ts";
import type { AuthCtx } from "./context.ts";
import { AuthError, invalid } from "./errors.ts";
import { type SessionJson, sessionJson } from "./issue-session.ts";
import { hashToken, nextRefreshToken } from "./tokens.ts";
import { isBanned } from "./user-json.ts";

type TokenRow = typeof schema.refreshTokens.$inferSelect;

const notFound = () =>
  new AuthError(400, "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");

/**
 * POST /token?grant_type=refresh_token. Each refresh token is used once: it is revoked and its
 * child becomes the session's active token. Presenting a revoked token is allowed only when it
 * is the active token's parent, or within REFRESH_REUSE_INTERVAL of its revocation; both
 * answer with the active token. Any other reuse signs the whole session out.
 */
export async function refreshSession({
  ctx,
  input,
}: {
  ctx: AuthCtx;
  input: { refreshToken: string };
}): Promise<SessionJson> {
  if (!input.refreshToken) throw invalid("refresh_token is required");
  const hash = hashToken(input.refreshToken);
  const outcome = await ctx.db.transaction(async (tx) => {
    const [found] = await tx
      .select({ sessionId: schema.refreshTokens.sessionId })
      .from(schema.refreshTokens)
      .where(eq(schema.refreshTokens.tokenHash, hash))
      .limit(1);
    if (!found) throw notFound();
    // Refreshes of one session run one at a time: the loser of a race sees the token revoked.
    const [session] = await tx
      .select()
      .from(schema.authSessions)
      .where(eq(schema.authSessions.id, found.sessionId))
      .for("update")
      .limit(1);
    if (!session)
      throw new AuthError(400, "session_not_found", "Invalid Refresh Token: Session Not Found");
    const [token] = await tx
      .select()
      .from(schema.refreshTokens)
      .where(eq(schema.refreshTokens.tokenHash, hash))
      .limit(1);
    if (!token) throw notFound();
    if (session.notAfter && session.notAfter <= new Date()) {
      throw new AuthError(400, "session_expired", "Invalid Refresh Token: Session Expired");
    }
    const [user] = await tx
      .select()
      .from(schema.users)
      .where(eq(schema.users.id, session.userId))
      .limit(1);
    if (!user)
      throw new AuthError(400, "session_not_found", "Invalid Refresh Token: Session Not Found");
    if (isBanned(user))
      throw new AuthError(400, "user_banned", "Invalid Refresh Token: User Banned");

    const issued = token.revoked
      ? await reuse(ctx, tx, token, input.refreshToken)
      : await rotate(ctx, tx, token, input.refreshToken);
    if (!issued) {
      await tx.delete(schema.authSessions).where(eq(schema.authSessions.id, session.id));
      return { reused: true as const, userId: session.userId, sessionId: session.id };
    }
    const now = new Date();
    await tx
      .update(schema.authSessions)
      .set({ refreshedAt: now, updatedAt: now })
      .where(eq(schema.authSessions.id, session.id));
    return sessionJson(ctx, tx, {
      userId: session.userId,
      sessionId: session.id,
      amr: session.amr,
      aal: session.aal,
      refreshToken: issued,
    });
  });
  if ("reused" in outcome) {
    ctx.log.warn(
      { userId: outcome.userId, sessionId: outcome.sessionId },
      "auth: refresh token reused, session revoked",
    );
    throw new AuthError(400, "refresh_token_already_used", "Invalid Refresh Token: Already Used");
  }
  return outcome;
}

async function rotate(ctx: AuthCtx, tx: Tx, token: TokenRow, plain: string): Promise<string> {
  const now = new Date();
  await tx
    .update(schema.refreshTokens)
    .set({ revoked: true, updatedAt: now })
    .where(eq(schema.refreshTokens.id, token.id));
  // Revoked tokens are kept a day to catch reuse (as GoTrue's cleanup does), then dropped.
  await tx
    .delete(schema.refreshTokens)
    .where(
      and(
        eq(schema.refreshTokens.sessionId, token.sessionId),
        eq(schema.refreshTokens.revoked, true),
        lt(schema.refreshTokens.updatedAt, new Date(now.getTime() - 86_400_000)),
      ),
    );
  const child = nextRefreshToken(ctx.signingKey.secret, plain);
  await tx.insert(schema.refreshTokens).values({
    tokenHash: hashToken(child),
    parentHash: token.tokenHash,
    sessionId: token.sessionId,
    userId: token.userId,
  });
  return child;
}

/** The active token for an allowed reuse, or undefined when the reuse must revoke. */
async function reuse(
  ctx: AuthCtx,
  tx: Tx,
  token: TokenRow,
  plain: string,
): Promise<string | undefined> {
  const [active] = await tx
    .select()
    .from(schema.refreshTokens)
    .where(
      and(
        eq(schema.refreshTokens.sessionId, token.sessionId),
        eq(schema.refreshTokens.revoked, false),
      ),
    )
    .orderBy(desc(schema.refreshTokens.id))
    .limit(1);
  if (!active) return undefined;
  const parentOfActive = active.parentHash === token.tokenHash;
  const withinInterval =
    Date.now() - token.updatedAt.getTime() <= ctx.config.auth.refreshReuseInterval * 1000;
  if (!parentOfActive && !withinInterval) return undefined;
  // Walk the chain down from the presented token; each step is the keyed hash of the last.
  let current = plain;
  for (let step = 0; step < 32; step++) {
    current = nextRefreshToken(ctx.signingKey.secret, current);
    const h = hashToken(current);
    if (h === active.tokenHash) return current;
    const [known] = await tx
      .select({ id: schema.refreshTokens.id })
      .from(schema.refreshTokens)
      .where(
        and(
          eq(schema.refreshTokens.tokenHash, h),
          eq(schema.refreshTokens.sessionId, token.sessionId),
        ),
      )
      .limit(1);
    if (!known) return undefined;
  }
  return undefined;
}
