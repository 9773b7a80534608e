import type { IncidentSeverity, IncidentStatus } from "@edgeplane/contracts";
import { sql } from "drizzle-orm";
import {
  bigserial,
  date,
  doublePrecision,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { lifecycle, tstz } from "./columns.ts";
import { organizations } from "./orgs.ts";

/**
 * Incidents opened by the health evaluator (one open per node or site and cause: the partial
 * unique index on `dedupe_key` enforces it across replicas) and worked by operators.
 * Node and site ids are kept without a foreign key: the timeline outlives a deleted node.
 */
export const incidents = pgTable(
  "incidents",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** `<node or site id>:<cause>`. */
    dedupeKey: text("dedupe_key").notNull(),
    cause: text("cause").notNull(),
    severity: text("severity").$type<IncidentSeverity>().notNull(),
    status: text("status").$type<IncidentStatus>().notNull(),
    title: text("title").notNull(),
    nodeId: text("node_id"),
    siteId: text("site_id"),
    /** The node's or site's name when the incident opened. */
    subject: text("subject").notNull(),
    openedAt: tstz("opened_at").notNull(),
    acknowledgedAt: tstz("acknowledged_at"),
    acknowledgedBy: uuid("acknowledged_by"),
    assigneeId: uuid("assignee_id"),
    resolvedAt: tstz("resolved_at"),
    /** Null with resolvedAt set: resolved by the evaluator on recovery. */
    resolvedBy: uuid("resolved_by"),
    ...lifecycle,
  },
  (t) => [
    uniqueIndex("incidents_open_key").on(t.orgId, t.dedupeKey).where(sql`resolved_at is null`),
    index("incidents_org_idx").on(t.orgId, t.id),
    index("incidents_org_node_idx").on(t.orgId, t.nodeId),
    index("incidents_org_site_idx").on(t.orgId, t.siteId),
  ],
);

/** The timeline: every change to an incident, by whom (null: the health evaluator). */
export const incidentEvents = pgTable(
  "incident_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    orgId: text("org_id").notNull(),
    at: tstz("at").notNull().defaultNow(),
    kind: text("kind").notNull(),
    actorId: uuid("actor_id"),
    actorEmail: text("actor_email"),
    fromValue: text("from_value"),
    toValue: text("to_value"),
    note: text("note"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("incident_events_incident_idx").on(t.incidentId, t.id)],
);

/**
 * Seconds each status component spent in each non-operational state per UTC day, plus one
 * `org` row per day with the seconds observed: uptime = 1 − (major + ½ partial) / observed.
 */
export const statusDaily = pgTable(
  "status_daily",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    kind: text("kind").$type<"org" | "region" | "site" | "model">().notNull(),
    componentId: text("component_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    observedSeconds: doublePrecision("observed_seconds").notNull().default(0),
    majorSeconds: doublePrecision("major_seconds").notNull().default(0),
    partialSeconds: doublePrecision("partial_seconds").notNull().default(0),
    degradedSeconds: doublePrecision("degraded_seconds").notNull().default(0),
    maintenanceSeconds: doublePrecision("maintenance_seconds").notNull().default(0),
  },
  (t) => [
    primaryKey({
      name: "status_daily_pkey",
      columns: [t.orgId, t.kind, t.componentId, t.day],
    }),
    index("status_daily_org_day_idx").on(t.orgId, t.day),
  ],
);
