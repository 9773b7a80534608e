import type {
  CustomerStatus,
  ModelKind,
  ModelStatus,
  Region,
  SlaTier,
  SupportTier,
} from "@edgeplane/contracts";
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { apiKeyColumns, lifecycle, tstz } from "./columns.ts";
import { nodes } from "./fleet.ts";
import { organizations } from "./orgs.ts";

/** Accounts that buy inference through the gateway. */
export const customers = pgTable(
  "customers",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    contactName: text("contact_name"),
    contactEmail: text("contact_email"),
    supportTier: text("support_tier").$type<SupportTier>().notNull(),
    slaTier: text("sla_tier").$type<SlaTier>().notNull(),
    allowedRegions: jsonb("allowed_regions").$type<Region[]>().notNull(),
    /** Countries (ISO alpha-2) that may serve this customer; null: no residency constraint. */
    dataResidency: jsonb("data_residency").$type<string[]>(),
    status: text("status").$type<CustomerStatus>().notNull().default("active"),
    notes: text("notes"),
    ...lifecycle,
  },
  (t) => [
    unique("customers_org_id_key").on(t.orgId, t.id),
    index("customers_org_idx").on(t.orgId, t.id),
  ],
);

/** Customer API keys (`epk_…`): only a SHA-256 hash and a display start are stored. */
export const customerKeys = pgTable(
  "customer_keys",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    customerId: text("customer_id").notNull(),
    ...apiKeyColumns(),
    /** Public model ids this key may call; null: the whole catalogue. */
    models: jsonb("models").$type<string[]>(),
    rpmLimit: integer("rpm_limit"),
    tpmLimit: integer("tpm_limit"),
    monthlyTokenBudget: bigint("monthly_token_budget", { mode: "number" }),
    /** Narrow the customer's regions and residency for this key; null: the customer's. */
    regions: jsonb("regions").$type<Region[]>(),
    dataResidency: jsonb("data_residency").$type<string[]>(),
    ...lifecycle,
  },
  (t) => [
    foreignKey({
      name: "customer_keys_customer_fk",
      columns: [t.orgId, t.customerId],
      foreignColumns: [customers.orgId, customers.id],
    }).onDelete("cascade"),
    uniqueIndex("customer_keys_hash_key").on(t.hash),
    index("customer_keys_org_idx").on(t.orgId, t.id),
    index("customer_keys_customer_idx").on(t.customerId),
  ],
);

/** The catalogue: the public id customers send → the model name on the nodes, and its price. */
export const models = pgTable(
  "models",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    publicId: text("public_id").notNull(),
    upstreamName: text("upstream_name").notNull(),
    kind: text("kind").$type<ModelKind>().notNull(),
    contextLength: integer("context_length").notNull(),
    /** US dollars per 1M tokens. */
    inputPricePerMTok: numeric("input_price_per_mtok", {
      precision: 14,
      scale: 6,
      mode: "number",
    }).notNull(),
    outputPricePerMTok: numeric("output_price_per_mtok", {
      precision: 14,
      scale: 6,
      mode: "number",
    }).notNull(),
    status: text("status").$type<ModelStatus>().notNull().default("active"),
    ...lifecycle,
  },
  (t) => [
    uniqueIndex("models_org_public_id_key").on(t.orgId, t.publicId),
    index("models_org_idx").on(t.orgId, t.id),
    check("models_context_length_positive", sql`${t.contextLength} > 0`),
  ],
);

/** What each node's upstream serves, as its agent last reported it. */
export const nodeModels = pgTable(
  "node_models",
  {
    nodeId: text("node_id")
      .notNull()
      .references(() => nodes.id, { onDelete: "cascade" }),
    upstreamName: text("upstream_name").notNull(),
    lastSeenAt: tstz("last_seen_at").notNull(),
  },
  (t) => [
    primaryKey({ name: "node_models_pkey", columns: [t.nodeId, t.upstreamName] }),
    index("node_models_upstream_idx").on(t.upstreamName),
  ],
);

/**
 * One row per metered gateway request; the primary key makes a retried flush count once.
 * No foreign keys to customers, keys or models: billing history outlives them.
 */
export const usageEvents = pgTable(
  "usage_events",
  {
    requestId: text("request_id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    customerId: text("customer_id").notNull(),
    keyId: text("key_id").notNull(),
    modelId: text("model_id").notNull(),
    /** The public id the customer sent, and the name the node was asked for. */
    model: text("model").notNull(),
    upstreamModel: text("upstream_model").notNull(),
    endpoint: text("endpoint").$type<"chat" | "embeddings">().notNull(),
    stream: boolean("stream").notNull(),
    nodeId: text("node_id"),
    siteId: text("site_id"),
    country: text("country"),
    region: text("region").$type<Region>(),
    status: smallint("status").notNull(),
    errorCode: text("error_code"),
    inputTokens: integer("input_tokens").notNull(),
    outputTokens: integer("output_tokens").notNull(),
    /** False when the stream was cut (by the customer or the node) before it finished. */
    completed: boolean("completed").notNull(),
    /** True when the tokens were counted by the gateway because the node sent no usage. */
    estimated: boolean("estimated").notNull(),
    costUsd: numeric("cost_usd", { precision: 20, scale: 9, mode: "number" }).notNull(),
    attempts: smallint("attempts").notNull(),
    latencyMs: real("latency_ms").notNull(),
    overheadMs: real("overhead_ms").notNull(),
    startedAt: tstz("started_at").notNull(),
    finishedAt: tstz("finished_at").notNull(),
  },
  (t) => [
    index("usage_events_org_started_idx").on(t.orgId, t.startedAt),
    index("usage_events_key_started_idx").on(t.keyId, t.startedAt),
  ],
);

/** Per key, model and UTC day: maintained in the same transaction as the events it sums. */
export const usageDaily = pgTable(
  "usage_daily",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    customerId: text("customer_id").notNull(),
    keyId: text("key_id").notNull(),
    modelId: text("model_id").notNull(),
    model: text("model").notNull(),
    requests: bigint("requests", { mode: "number" }).notNull(),
    errors: bigint("errors", { mode: "number" }).notNull(),
    incomplete: bigint("incomplete", { mode: "number" }).notNull(),
    inputTokens: bigint("input_tokens", { mode: "number" }).notNull(),
    outputTokens: bigint("output_tokens", { mode: "number" }).notNull(),
    costUsd: numeric("cost_usd", { precision: 24, scale: 9, mode: "number" }).notNull(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "usage_daily_pkey", columns: [t.keyId, t.modelId, t.day] }),
    index("usage_daily_org_day_idx").on(t.orgId, t.day),
  ],
);
