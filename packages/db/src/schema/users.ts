import { jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { lifecycle, tstz } from "./columns.ts";

/** People who can sign in: owned by the built-in auth, or mirrored from a Supabase project. */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey(),
    email: text("email").notNull(),
    emailConfirmedAt: tstz("email_confirmed_at"),
    lastSignInAt: tstz("last_sign_in_at"),
    /** Last magic-link/code e-mail, for the per-address send interval. */
    otpSentAt: tstz("otp_sent_at"),
    bannedUntil: tstz("banned_until"),
    appMetadata: jsonb("app_metadata").$type<Record<string, unknown>>().notNull().default({}),
    userMetadata: jsonb("user_metadata").$type<Record<string, unknown>>().notNull().default({}),
    ...lifecycle,
  },
  (t) => [uniqueIndex("users_email_key").on(t.email)],
);
