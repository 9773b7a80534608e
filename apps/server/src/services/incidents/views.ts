import type { IncidentEventView, IncidentView } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, Tx } from "../context.ts";

type IncidentRow = typeof schema.incidents.$inferSelect;
type EventRow = typeof schema.incidentEvents.$inferSelect;

const acker = alias(schema.users, "acker");
const assignee = alias(schema.users, "assignee");
const resolver = alias(schema.users, "resolver");

/** Incidents with the e-mails of the people named on them (a removed user reads as null). */
export function selectIncidents(db: Db | Tx) {
  const i = schema.incidents;
  return db
    .select({
      incident: i,
      ackerEmail: acker.email,
      assigneeEmail: assignee.email,
      resolverEmail: resolver.email,
    })
    .from(i)
    .leftJoin(acker, eq(acker.id, i.acknowledgedBy))
    .leftJoin(assignee, eq(assignee.id, i.assigneeId))
    .leftJoin(resolver, eq(resolver.id, i.resolvedBy))
    .$dynamic();
}

type Selected = Awaited<ReturnType<ReturnType<typeof selectIncidents>["execute"]>>[number];

const person = (id: string | null, email: string | null) => (id ? { id, email } : null);

export function incidentView(r: Selected): IncidentView {
  const i: IncidentRow = r.incident;
  return {
    id: i.id,
    title: i.title,
    cause: i.cause as IncidentView["cause"],
    severity: i.severity,
    status: i.status,
    nodeId: i.nodeId,
    siteId: i.siteId,
    subject: i.subject,
    openedAt: i.openedAt.toISOString(),
    acknowledgedAt: i.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: person(i.acknowledgedBy, r.ackerEmail),
    assignee: person(i.assigneeId, r.assigneeEmail),
    resolvedAt: i.resolvedAt?.toISOString() ?? null,
    resolvedBy: person(i.resolvedBy, r.resolverEmail),
    updatedAt: i.updatedAt.toISOString(),
  };
}

export function eventView(e: EventRow): IncidentEventView {
  return {
    id: e.id,
    at: e.at.toISOString(),
    kind: e.kind as IncidentEventView["kind"],
    actor: e.actorId ? { id: e.actorId, email: e.actorEmail } : null,
    from: e.fromValue,
    to: e.toValue,
    note: e.note,
  };
}
