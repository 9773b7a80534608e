import { randomUUID } from "node:crypto";
import { schema } from "@edgeplane/db";
import type { AmrEntry } from "@edgeplane/db/schema";
import { eq } from "drizzle-orm";
import { authIssuer } from "../../config.ts";
import type { Tx } from "../context.ts";
import type { AuthCtx } from "./context.ts";
import { AuthError } from "./errors.ts";
import { hashToken, newOpaqueToken, signAccessToken } from "./tokens.ts";
import { loadUser, toUserJson, type UserJson } from "./user-json.ts";

export type SignInMethod = "otp" | "magiclink" | "oauth";

export interface ProviderTokens {
  accessToken: string;
  refreshToken?: string;
}

/** The session JSON of /token and /verify (wire spec §3). */
export interface SessionJson {
  access_token: string;
  token_type: "bearer";
  expires_in: number;
  expires_at: number;
  refresh_token: string;
  user: UserJson;
  provider_token?: string;
  provider_refresh_token?: string;
}

/** Starts a session for a signed-in user: session row, first refresh token, access token. */
export async function startSession(
  ctx: AuthCtx,
  tx: Tx,
  opts: { userId: string; method: SignInMethod; providerTokens?: ProviderTokens },
): Promise<SessionJson> {
  const now = new Date();
  const sessionId = randomUUID();
  const amr: AmrEntry[] = [{ method: opts.method, timestamp: Math.floor(now.getTime() / 1000) }];
  await tx.insert(schema.authSessions).values({
    id: sessionId,
    userId: opts.userId,
    amr,
    ip: ctx.client.ip,
    userAgent: ctx.client.userAgent?.slice(0, 512),
  });
  const refreshToken = newOpaqueToken();
  await tx
    .insert(schema.refreshTokens)
    .values({ tokenHash: hashToken(refreshToken), sessionId, userId: opts.userId });
  await tx
    .update(schema.users)
    .set({ lastSignInAt: now, updatedAt: now })
    .where(eq(schema.users.id, opts.userId));
  ctx.log.info({ userId: opts.userId, sessionId, method: opts.method }, "auth: signed in");
  return sessionJson(ctx, tx, {
    userId: opts.userId,
    sessionId,
    amr,
    refreshToken,
    providerTokens: opts.providerTokens,
  });
}

/** Signs a fresh access token for an existing session and wraps it with the user. */
export async function sessionJson(
  ctx: AuthCtx,
  tx: Tx,
  s: {
    userId: string;
    sessionId: string;
    amr: AmrEntry[];
    aal?: string;
    refreshToken: string;
    providerTokens?: ProviderTokens;
  },
): Promise<SessionJson> {
  const found = await loadUser(tx, s.userId);
  if (!found)
    throw new AuthError(403, "user_not_found", "User from sub claim in JWT does not exist");
  const { user, identities } = found;
  const expiresIn = ctx.config.auth.jwtExpiry;
  const { token, expiresAt } = await signAccessToken(
    ctx.signingKey,
    { issuer: authIssuer(ctx.config), expiresIn },
    {
      userId: user.id,
      email: user.email,
      sessionId: s.sessionId,
      amr: [...s.amr].sort((a, b) => b.timestamp - a.timestamp),
      aal: s.aal,
      appMetadata: user.appMetadata,
      userMetadata: user.userMetadata,
    },
  );
  return {
    access_token: token,
    token_type: "bearer",
    expires_in: expiresIn,
    expires_at: expiresAt,
    refresh_token: s.refreshToken,
    user: toUserJson(user, identities),
    ...(s.providerTokens ? { provider_token: s.providerTokens.accessToken } : {}),
    ...(s.providerTokens?.refreshToken
      ? { provider_refresh_token: s.providerTokens.refreshToken }
      : {}),
  };
}

/** The session as URL fragment parameters (implicit redirects). */
export function sessionParams(session: SessionJson, type?: string): URLSearchParams {
  const p = new URLSearchParams({
    access_token: session.access_token,
    expires_at: String(session.expires_at),
    expires_in: String(session.expires_in),
    refresh_token: session.refresh_token,
    token_type: "bearer",
  });
  if (session.provider_token) p.set("provider_token", session.provider_token);
  if (session.provider_refresh_token) {
    p.set("provider_refresh_token", session.provider_refresh_token);
  }
  if (type) p.set("type", type);
  p.set("sb", "");
  return p;
}
