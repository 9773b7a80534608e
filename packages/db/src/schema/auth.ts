import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { lifecycle, tstz } from "./columns.ts";
import { users } from "./users.ts";

export const identities = pgTable(
  "identities",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    providerId: text("provider_id").notNull(),
    email: text("email"),
    identityData: jsonb("identity_data").$type<Record<string, unknown>>().notNull().default({}),
    lastSignInAt: tstz("last_sign_in_at"),
    ...lifecycle,
  },
  (t) => [
    uniqueIndex("identities_provider_key").on(t.provider, t.providerId),
    index("identities_user_idx").on(t.userId),
  ],
);

export interface AmrEntry {
  method: string;
  timestamp: number;
}

export const authSessions = pgTable(
  "auth_sessions",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    amr: jsonb("amr").$type<AmrEntry[]>().notNull().default([]),
    aal: text("aal").notNull().default("aal1"),
    userAgent: text("user_agent"),
    ip: text("ip"),
    refreshedAt: tstz("refreshed_at"),
    notAfter: tstz("not_after"),
    ...lifecycle,
  },
  (t) => [index("auth_sessions_user_idx").on(t.userId)],
);

/** Refresh tokens are stored as SHA-256 hashes; `parent` is the hash of the token rotated away. */
export const refreshTokens = pgTable(
  "refresh_tokens",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tokenHash: text("token_hash").notNull(),
    parentHash: text("parent_hash"),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => authSessions.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull(),
    revoked: boolean("revoked").notNull().default(false),
    ...lifecycle,
  },
  (t) => [
    uniqueIndex("refresh_tokens_token_key").on(t.tokenHash),
    index("refresh_tokens_session_idx").on(t.sessionId),
  ],
);

/**
 * One per magic-link or OAuth attempt; its auth code is exchanged once. An implicit OAuth
 * attempt has no code challenge; `provider_code_verifier` is our own PKCE verifier (Google).
 */
export const flowStates = pgTable(
  "flow_states",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id"),
    authCode: uuid("auth_code").notNull(),
    codeChallenge: text("code_challenge"),
    codeChallengeMethod: text("code_challenge_method"),
    providerType: text("provider_type").notNull(),
    authenticationMethod: text("authentication_method").notNull(),
    redirectTo: text("redirect_to"),
    providerAccessToken: text("provider_access_token"),
    providerRefreshToken: text("provider_refresh_token"),
    providerCodeVerifier: text("provider_code_verifier"),
    authCodeIssuedAt: tstz("auth_code_issued_at"),
    ...lifecycle,
  },
  (t) => [uniqueIndex("flow_states_auth_code_key").on(t.authCode)],
);

/** Magic-link tokens and 6-digit codes, stored hashed, single use. */
export const oneTimeTokens = pgTable(
  "one_time_tokens",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenType: text("token_type").notNull(),
    tokenHash: text("token_hash").notNull(),
    codeHash: text("code_hash").notNull(),
    flowStateId: uuid("flow_state_id"),
    expiresAt: tstz("expires_at").notNull(),
    usedAt: tstz("used_at"),
    /** Wrong 6-digit codes tried against this token; the code dies after a few. */
    codeAttempts: integer("code_attempts").notNull().default(0),
    ...lifecycle,
  },
  (t) => [
    uniqueIndex("one_time_tokens_token_key").on(t.tokenHash),
    index("one_time_tokens_user_idx").on(t.userId),
  ],
);
