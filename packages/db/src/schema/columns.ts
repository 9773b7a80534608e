import { text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Lifecycle columns every mutable table carries. */
export const lifecycle = {
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
};

export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * What every API-key table stores about a key (node keys, customer keys): never the secret,
 * only its SHA-256 hash and a display start, plus who made, revoked or replaced it and when.
 */
export const apiKeyColumns = () => ({
  name: text("name"),
  start: text("start").notNull(),
  hash: text("hash").notNull(),
  createdBy: uuid("created_by"),
  expiresAt: tstz("expires_at"),
  revokedAt: tstz("revoked_at"),
  revokedBy: uuid("revoked_by"),
  lastUsedAt: tstz("last_used_at"),
  /** Set on the old key when it is rotated: the key that replaced it. */
  replacedById: text("replaced_by_id"),
});
