import { schema } from "@edgeplane/db";
import { eq } from "drizzle-orm";
import type { Db, Tx } from "../context.ts";

export type UserRow = typeof schema.users.$inferSelect;
export type IdentityRow = typeof schema.identities.$inferSelect;

export interface IdentityJson {
  identity_id: string;
  id: string;
  user_id: string;
  identity_data: Record<string, unknown>;
  provider: string;
  email?: string;
  last_sign_in_at?: string;
  created_at: string;
  updated_at: string;
}

/** GoTrue's user JSON (wire spec §3): null optional timestamps are left out. */
export interface UserJson {
  id: string;
  aud: "authenticated";
  role: "authenticated";
  email: string;
  email_confirmed_at?: string;
  phone: "";
  confirmed_at?: string;
  last_sign_in_at?: string;
  app_metadata: Record<string, unknown>;
  user_metadata: Record<string, unknown>;
  identities: IdentityJson[];
  created_at: string;
  updated_at: string;
  is_anonymous: false;
}

const iso = (d: Date | null) => (d ? d.toISOString() : undefined);

export function toUserJson(user: UserRow, identities: IdentityRow[]): UserJson {
  const confirmed = iso(user.emailConfirmedAt);
  return {
    id: user.id,
    aud: "authenticated",
    role: "authenticated",
    email: user.email,
    ...(confirmed ? { email_confirmed_at: confirmed, confirmed_at: confirmed } : {}),
    phone: "",
    ...(user.lastSignInAt ? { last_sign_in_at: user.lastSignInAt.toISOString() } : {}),
    app_metadata: user.appMetadata,
    user_metadata: user.userMetadata,
    identities: identities.map((i) => ({
      identity_id: i.id,
      id: i.providerId,
      user_id: i.userId,
      identity_data: i.identityData,
      provider: i.provider,
      ...(i.email ? { email: i.email } : {}),
      ...(i.lastSignInAt ? { last_sign_in_at: i.lastSignInAt.toISOString() } : {}),
      created_at: i.createdAt.toISOString(),
      updated_at: i.updatedAt.toISOString(),
    })),
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
    is_anonymous: false,
  };
}

export async function loadUser(
  db: Db | Tx,
  userId: string,
): Promise<{ user: UserRow; identities: IdentityRow[] } | undefined> {
  const [user] = await db.select().from(schema.users).where(eq(schema.users.id, userId)).limit(1);
  if (!user) return undefined;
  const identities = await db
    .select()
    .from(schema.identities)
    .where(eq(schema.identities.userId, userId))
    .orderBy(schema.identities.createdAt);
  return { user, identities };
}

export function isBanned(user: UserRow, now = new Date()): boolean {
  return user.bannedUntil !== null && user.bannedUntil > now;
}

/** app_metadata with `provider` (the first) and `providers` including `provider`. */
export function withProvider(
  meta: Record<string, unknown>,
  provider: string,
): Record<string, unknown> {
  const list = Array.isArray(meta.providers)
    ? meta.providers.filter((p): p is string => typeof p === "string")
    : [];
  const providers = list.includes(provider) ? list : [...list, provider];
  const first = typeof meta.provider === "string" ? meta.provider : provider;
  return { ...meta, provider: first, providers };
}
