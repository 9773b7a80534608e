import type {
  ConnectivityTier,
  NodeStatus,
  Region,
  SiteStatus,
  SiteType,
} from "@edgeplane/contracts";
import { sql } from "drizzle-orm";
import {
  check,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { apiKeyColumns, lifecycle, tstz } from "./columns.ts";
import { organizations } from "./orgs.ts";

/** Host locations: a telecom room, a university, a bank, … with a power budget. */
export const sites = pgTable(
  "sites",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    city: text("city").notNull(),
    country: text("country").notNull(),
    region: text("region").$type<Region>().notNull(),
    powerCapacityKw: doublePrecision("power_capacity_kw").notNull(),
    siteType: text("site_type").$type<SiteType>().notNull(),
    connectivityTier: text("connectivity_tier").$type<ConnectivityTier>().notNull(),
    energyPricePerKwh: numeric("energy_price_per_kwh", { precision: 14, scale: 6, mode: "number" }),
    currency: text("currency"),
    pue: doublePrecision("pue"),
    status: text("status").$type<SiteStatus>().notNull().default("active"),
    ...lifecycle,
  },
  (t) => [
    // A constraint (not an index) so it exists before the nodes' same-org foreign key.
    unique("sites_org_id_key").on(t.orgId, t.id),
    check("sites_power_capacity_positive", sql`${t.powerCapacityKw} > 0`),
  ],
);

/** GPU/inference machines at a site; reached only through their agent. */
export const nodes = pgTable(
  "nodes",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    siteId: text("site_id").notNull(),
    name: text("name").notNull(),
    externalId: text("external_id").notNull(),
    acceleratorType: text("accelerator_type").notNull(),
    gpuCount: integer("gpu_count").notNull(),
    /** The node's total draw at the wall, in watts. */
    powerDrawW: integer("power_draw_w").notNull(),
    latencyEstimateMs: doublePrecision("latency_estimate_ms"),
    status: text("status").$type<NodeStatus>().notNull().default("pending"),
    labels: jsonb("labels").$type<Record<string, string>>().notNull().default({}),
    /** Why the last registration or change exceeded the site's power capacity, if it did. */
    capacityWarning: text("capacity_warning"),
    lastSeenAt: tstz("last_seen_at"),
    ...lifecycle,
  },
  (t) => [
    // The site must belong to the same org: enforced by the database, not only the service.
    foreignKey({
      name: "nodes_site_fk",
      columns: [t.orgId, t.siteId],
      foreignColumns: [sites.orgId, sites.id],
    }),
    unique("nodes_org_id_key").on(t.orgId, t.id),
    uniqueIndex("nodes_org_external_id_key").on(t.orgId, t.externalId),
    index("nodes_org_site_idx").on(t.orgId, t.siteId, t.id),
    index("nodes_org_status_idx").on(t.orgId, t.status, t.id),
    check("nodes_gpu_count_range", sql`${t.gpuCount} between 1 and 64`),
  ],
);

/** Node API keys: only a SHA-256 hash and a display start are stored, never the secret. */
export const nodeKeys = pgTable(
  "node_keys",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    nodeId: text("node_id").notNull(),
    ...apiKeyColumns(),
    ...lifecycle,
  },
  (t) => [
    foreignKey({
      name: "node_keys_node_fk",
      columns: [t.orgId, t.nodeId],
      foreignColumns: [nodes.orgId, nodes.id],
    }).onDelete("cascade"),
    uniqueIndex("node_keys_hash_key").on(t.hash),
    index("node_keys_org_idx").on(t.orgId, t.id),
    index("node_keys_node_idx").on(t.nodeId),
  ],
);
