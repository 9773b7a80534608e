import { randomUUID } from "node:crypto";
import { schema } from "@edgeplane/db";
import { and, eq } from "drizzle-orm";
import type { Tx } from "../../context.ts";
import { AuthError } from "../errors.ts";
import { isBanned, withProvider } from "../user-json.ts";
import type { OAuthProviderName, ProviderProfile } from "./provider.ts";

/**
 * The user behind a provider profile: by identity (provider + subject), else by verified
 * e-mail (the identity is linked), else a new autoconfirmed user. Returns the user id.
 */
export async function linkUser(
  tx: Tx,
  provider: OAuthProviderName,
  profile: ProviderProfile,
): Promise<string> {
  const now = new Date();
  const i = schema.identities;
  const [identity] = await tx
    .select()
    .from(i)
    .where(and(eq(i.provider, provider), eq(i.providerId, profile.subject)))
    .limit(1);
  let userId: string;
  if (identity) {
    userId = identity.userId;
    await tx
      .update(i)
      .set({
        identityData: profile.data,
        email: profile.email ?? identity.email,
        lastSignInAt: now,
        updatedAt: now,
      })
      .where(eq(i.id, identity.id));
  } else {
    if (!profile.email || !profile.emailVerified) {
      throw new AuthError(
        422,
        "provider_email_needs_verification",
        `Unverified email with ${provider}: verify the address with ${provider} and try again`,
      );
    }
    userId = await userForEmail(tx, provider, profile.email, profile.data);
    await tx.insert(i).values({
      id: randomUUID(),
      userId,
      provider,
      providerId: profile.subject,
      email: profile.email,
      identityData: profile.data,
      lastSignInAt: now,
    });
  }
  const [user] = await tx.select().from(schema.users).where(eq(schema.users.id, userId)).limit(1);
  if (!user) throw new AuthError(403, "user_not_found", "User not found");
  if (isBanned(user)) throw new AuthError(403, "user_banned", "User is banned");
  const confirms = profile.emailVerified && profile.email === user.email;
  await tx
    .update(schema.users)
    .set({
      appMetadata: withProvider(user.appMetadata, provider),
      userMetadata: { ...user.userMetadata, ...profile.data },
      emailConfirmedAt: user.emailConfirmedAt ?? (confirms ? now : null),
      updatedAt: now,
    })
    .where(eq(schema.users.id, userId));
  return userId;
}

async function userForEmail(
  tx: Tx,
  provider: OAuthProviderName,
  email: string,
  data: Record<string, unknown>,
): Promise<string> {
  const byEmail = () =>
    tx
      .select({ id: schema.users.id })
      .from(schema.users)
      .where(eq(schema.users.email, email))
      .limit(1);
  const [existing] = await byEmail();
  if (existing) return existing.id;
  const id = randomUUID();
  const created = await tx
    .insert(schema.users)
    .values({
      id,
      email,
      emailConfirmedAt: new Date(),
      appMetadata: { provider, providers: [provider] },
      userMetadata: data,
    })
    .onConflictDoNothing({ target: schema.users.email })
    .returning({ id: schema.users.id });
  if (created.length > 0) return id;
  const [raced] = await byEmail();
  if (!raced) throw new AuthError(500, "unexpected_failure", "Could not create the user");
  return raced.id;
}
