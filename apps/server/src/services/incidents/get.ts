import type { IncidentDetail } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, asc, eq } from "drizzle-orm";
import { NotFoundError } from "../../errors.ts";
import type { Db, Tx } from "../context.ts";
import { eventView, incidentView, selectIncidents } from "./views.ts";

/** One incident with its whole timeline; another org's incident is 404. */
export async function getIncident(
  db: Db | Tx,
  orgId: string,
  incidentId: string,
): Promise<IncidentDetail> {
  const i = schema.incidents;
  const [row] = await selectIncidents(db)
    .where(and(eq(i.orgId, orgId), eq(i.id, incidentId)))
    .limit(1);
  if (!row) throw new NotFoundError("Incident");
  const events = await db
    .select()
    .from(schema.incidentEvents)
    .where(eq(schema.incidentEvents.incidentId, incidentId))
    .orderBy(asc(schema.incidentEvents.id));
  return { ...incidentView(row), timeline: events.map(eventView) };
}
