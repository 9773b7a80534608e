import { randomUUID } from "node:crypto";
import { schema } from "@edgeplane/db";
import { and, eq, gt, isNotNull, isNull, lt, type SQL, sql } from "drizzle-orm";
import type { Tx } from "../context.ts";
import type { AuthCtx } from "./context.ts";
import { AuthError, otpExpired } from "./errors.ts";
import { type SessionJson, startSession } from "./issue-session.ts";
import { hashToken } from "./tokens.ts";
import { isBanned, withProvider } from "./user-json.ts";

export type VerifyResult =
  | { kind: "session"; session: SessionJson }
  | { kind: "code"; authCode: string };

/** We only issue magic-link tokens; these verification types may match them. */
const matchingTypes = new Set(["email", "magiclink", "signup"]);
const maxCodeAttempts = 5;

export const linkExpired = () =>
  new AuthError(403, "otp_expired", "Email link is invalid or has expired");

type TokenRow = typeof schema.oneTimeTokens.$inferSelect;

/**
 * GET /verify: the e-mailed link. A `pkce_` token only works as such (stripping the prefix
 * would skip the browser binding) and yields the flow state's auth code instead of a session.
 */
export async function verifyLink({
  ctx,
  input,
}: {
  ctx: AuthCtx;
  input: { token: string; type: string };
}): Promise<VerifyResult> {
  if (!matchingTypes.has(input.type)) throw linkExpired();
  const pkce = input.token.startsWith("pkce_");
  const raw = pkce ? input.token.slice(5) : input.token;
  const flow = schema.oneTimeTokens.flowStateId;
  return ctx.db.transaction(async (tx) => {
    const row = await takeToken(
      tx,
      and(
        eq(schema.oneTimeTokens.tokenHash, hashToken(raw)),
        pkce ? isNotNull(flow) : isNull(flow),
      ),
    );
    if (!row) throw linkExpired();
    return signIn(ctx, tx, row, { issueCode: pkce });
  });
}

/** POST /verify with the 6-digit code from the e-mail: always a session. */
export async function verifyCode({
  ctx,
  input,
}: {
  ctx: AuthCtx;
  input: { email: string; code: string; type: string };
}): Promise<SessionJson> {
  if (!matchingTypes.has(input.type)) throw otpExpired();
  const outcome = await ctx.db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: schema.users.id })
      .from(schema.users)
      .where(eq(schema.users.email, input.email))
      .limit(1);
    if (!user) return undefined;
    const t = schema.oneTimeTokens;
    const row = await takeToken(
      tx,
      and(
        eq(t.userId, user.id),
        eq(t.codeHash, hashToken(`${user.id}:${input.code}`)),
        lt(t.codeAttempts, maxCodeAttempts),
      ),
    );
    if (!row) return user.id;
    return signIn(ctx, tx, row, { issueCode: false });
  });
  if (outcome === undefined) throw otpExpired();
  if (typeof outcome === "string") {
    // A wrong guess: counted on the live token, whose code dies after a few.
    await ctx.db
      .update(schema.oneTimeTokens)
      .set({ codeAttempts: sql`${schema.oneTimeTokens.codeAttempts} + 1` })
      .where(and(eq(schema.oneTimeTokens.userId, outcome), isNull(schema.oneTimeTokens.usedAt)));
    throw otpExpired();
  }
  if (outcome.kind !== "session") throw otpExpired();
  return outcome.session;
}

/** POST /verify with `token_hash` (the link's token): always a session, as GoTrue does. */
export async function verifyTokenHash({
  ctx,
  input,
}: {
  ctx: AuthCtx;
  input: { tokenHash: string; type: string };
}): Promise<SessionJson> {
  if (!matchingTypes.has(input.type)) throw otpExpired();
  const raw = input.tokenHash.startsWith("pkce_") ? input.tokenHash.slice(5) : input.tokenHash;
  const outcome = await ctx.db.transaction(async (tx) => {
    const row = await takeToken(tx, eq(schema.oneTimeTokens.tokenHash, hashToken(raw)));
    if (!row) throw otpExpired();
    return signIn(ctx, tx, row, { issueCode: false });
  });
  if (outcome.kind !== "session") throw otpExpired();
  return outcome.session;
}

/** Marks a live token used, atomically: of two concurrent uses only one gets the row. */
async function takeToken(tx: Tx, where: SQL | undefined): Promise<TokenRow | undefined> {
  const now = new Date();
  const t = schema.oneTimeTokens;
  const [row] = await tx
    .update(t)
    .set({ usedAt: now, updatedAt: now })
    .where(and(where, isNull(t.usedAt), gt(t.expiresAt, now)))
    .returning();
  return row;
}

async function signIn(
  ctx: AuthCtx,
  tx: Tx,
  token: TokenRow,
  opts: { issueCode: boolean },
): Promise<VerifyResult> {
  const [user] = await tx
    .select()
    .from(schema.users)
    .where(eq(schema.users.id, token.userId))
    .limit(1);
  if (!user) throw linkExpired();
  if (isBanned(user)) throw new AuthError(403, "user_banned", "User is banned");
  const now = new Date();
  await tx
    .update(schema.users)
    .set({
      emailConfirmedAt: user.emailConfirmedAt ?? now,
      appMetadata: withProvider(user.appMetadata, "email"),
      updatedAt: now,
    })
    .where(eq(schema.users.id, user.id));
  await markEmailIdentity(tx, user.id, user.email, now);

  const flowId = token.flowStateId;
  if (flowId && opts.issueCode) {
    const [flow] = await tx
      .update(schema.flowStates)
      .set({ authCodeIssuedAt: now, userId: user.id, updatedAt: now })
      .where(eq(schema.flowStates.id, flowId))
      .returning({ authCode: schema.flowStates.authCode });
    if (!flow) throw linkExpired();
    return { kind: "code", authCode: flow.authCode };
  }
  if (flowId) await tx.delete(schema.flowStates).where(eq(schema.flowStates.id, flowId));
  const session = await startSession(ctx, tx, { userId: user.id, method: "otp" });
  return { kind: "session", session };
}

/** The e-mail identity exists and is verified once the address proved itself. */
async function markEmailIdentity(tx: Tx, userId: string, email: string, now: Date) {
  const i = schema.identities;
  const data = { sub: userId, email, email_verified: true, phone_verified: false };
  const updated = await tx
    .update(i)
    .set({ identityData: data, email, lastSignInAt: now, updatedAt: now })
    .where(and(eq(i.userId, userId), eq(i.provider, "email")))
    .returning({ id: i.id });
  if (updated.length > 0) return;
  await tx
    .insert(i)
    .values({
      id: randomUUID(),
      userId,
      provider: "email",
      providerId: userId,
      email,
      identityData: data,
      lastSignInAt: now,
    })
    .onConflictDoNothing();
}
