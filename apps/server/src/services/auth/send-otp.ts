import { randomInt, randomUUID } from "node:crypto";
import { schema } from "@edgeplane/db";
import { and, eq, isNull, lte, or } from "drizzle-orm";
import type { Tx } from "../context.ts";
import type { AuthCtx } from "./context.ts";
import { AuthError } from "./errors.ts";
import { magicLinkMail } from "./otp-mail.ts";
import type { Pkce } from "./pkce.ts";
import { hashToken, newOpaqueToken } from "./tokens.ts";
import type { UserRow } from "./user-json.ts";

export interface SendOtpInput {
  email: string;
  data: Record<string, unknown>;
  createUser: boolean;
  pkce?: Pkce;
  /** Already resolved to an allowed address. */
  redirectTo: string;
}

/**
 * POST /otp: one e-mail with a magic link and a 6-digit code. New users are created (and
 * autoconfirmed on first use). At most one e-mail per address per OTP_EMAIL_INTERVAL: the
 * mark is `users.otp_sent_at`, claimed atomically, so it holds across replicas.
 */
export async function sendOtp({ ctx, input }: { ctx: AuthCtx; input: SendOtpInput }) {
  if (!ctx.mailer.enabled) {
    throw new AuthError(422, "email_provider_disabled", ctx.mailer.reason ?? "E-mail is off");
  }
  const { otpExpiry } = ctx.config.auth;
  const token = newOpaqueToken();
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const issued = await ctx.db.transaction(async (tx) => {
    const user = await findOrCreate(tx, input);
    const previousSentAt = await claimSendSlot(ctx, tx, user);
    const now = new Date();
    // A new e-mail supersedes the previous link and code, and their unused flow states.
    await tx.delete(schema.oneTimeTokens).where(eq(schema.oneTimeTokens.userId, user.id));
    await tx
      .delete(schema.flowStates)
      .where(
        and(
          eq(schema.flowStates.userId, user.id),
          or(
            isNull(schema.flowStates.authCodeIssuedAt),
            lte(schema.flowStates.createdAt, new Date(now.getTime() - 86_400_000)),
          ),
        ),
      );
    let flowStateId: string | null = null;
    if (input.pkce) {
      flowStateId = randomUUID();
      await tx.insert(schema.flowStates).values({
        id: flowStateId,
        userId: user.id,
        authCode: randomUUID(),
        codeChallenge: input.pkce.challenge,
        codeChallengeMethod: input.pkce.method,
        providerType: "email",
        authenticationMethod: "magiclink",
        redirectTo: input.redirectTo,
      });
    }
    const id = randomUUID();
    await tx.insert(schema.oneTimeTokens).values({
      id,
      userId: user.id,
      tokenType: "magiclink",
      tokenHash: hashToken(token),
      codeHash: hashToken(`${user.id}:${code}`),
      flowStateId,
      expiresAt: new Date(now.getTime() + otpExpiry * 1000),
    });
    return { id, userId: user.id, email: user.email, previousSentAt };
  });

  const link = new URL(`${ctx.config.publicUrl}/auth/v1/verify`);
  link.searchParams.set("token", input.pkce ? `pkce_${token}` : token);
  link.searchParams.set("type", "magiclink");
  link.searchParams.set("redirect_to", input.redirectTo);
  try {
    await ctx.mailer.send(magicLinkMail(issued.email, link.toString(), code, otpExpiry));
  } catch (err) {
    ctx.log.error({ err, userId: issued.userId }, "auth: sign-in e-mail not sent");
    // Give the address its slot back and kill the token that nobody received.
    await ctx.db
      .update(schema.users)
      .set({ otpSentAt: issued.previousSentAt })
      .where(eq(schema.users.id, issued.userId));
    await ctx.db.delete(schema.oneTimeTokens).where(eq(schema.oneTimeTokens.id, issued.id));
    throw new AuthError(500, "unexpected_failure", "Error sending magic link email", {
      cause: err,
    });
  }
  ctx.log.info({ userId: issued.userId }, "auth: sign-in e-mail sent");
}

async function findOrCreate(tx: Tx, input: SendOtpInput): Promise<UserRow> {
  const [existing] = await tx
    .select()
    .from(schema.users)
    .where(eq(schema.users.email, input.email))
    .limit(1);
  if (existing) return existing;
  if (!input.createUser) throw new AuthError(422, "otp_disabled", "Signups not allowed for otp");
  const id = randomUUID();
  const [created] = await tx
    .insert(schema.users)
    .values({
      id,
      email: input.email,
      appMetadata: { provider: "email", providers: ["email"] },
      userMetadata: input.data,
    })
    .onConflictDoNothing({ target: schema.users.email })
    .returning();
  if (!created) {
    // Another request created the same address a moment ago.
    const [raced] = await tx
      .select()
      .from(schema.users)
      .where(eq(schema.users.email, input.email))
      .limit(1);
    if (!raced) throw new AuthError(500, "unexpected_failure", "Could not create the user");
    return raced;
  }
  await tx.insert(schema.identities).values({
    id: randomUUID(),
    userId: id,
    provider: "email",
    providerId: id,
    email: input.email,
    identityData: { sub: id, email: input.email, email_verified: false, phone_verified: false },
  });
  return created;
}

/** Takes the address's e-mail slot or answers 429; returns the previous mark. */
async function claimSendSlot(ctx: AuthCtx, tx: Tx, user: UserRow): Promise<Date | null> {
  const interval = ctx.config.auth.otpEmailInterval;
  const now = new Date();
  const cutoff = new Date(now.getTime() - interval * 1000);
  const claimed = await tx
    .update(schema.users)
    .set({ otpSentAt: now })
    .where(
      and(
        eq(schema.users.id, user.id),
        or(isNull(schema.users.otpSentAt), lte(schema.users.otpSentAt, cutoff)),
      ),
    )
    .returning({ id: schema.users.id });
  if (claimed.length > 0) return user.otpSentAt;
  const last = user.otpSentAt?.getTime() ?? now.getTime();
  const wait = Math.max(1, Math.ceil((last + interval * 1000 - now.getTime()) / 1000));
  throw new AuthError(
    429,
    "over_email_send_rate_limit",
    `For security purposes, you can only request this after ${wait} seconds.`,
  );
}
