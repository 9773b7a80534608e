import type { IncidentDetail } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, eq } from "drizzle-orm";
import { ConflictError, NotFoundError } from "../../errors.ts";
import type { OrgAccess } from "../../http/env.ts";
import { writeAudit } from "../audit/write.ts";
import type { ServiceCtx, Tx } from "../context.ts";
import { getIncident } from "./get.ts";
import { appendEvents, type NewEvent } from "./timeline.ts";

export type IncidentRow = typeof schema.incidents.$inferSelect;

export interface Change {
  set: Partial<Omit<IncidentRow, "id" | "orgId">>;
  events: Omit<NewEvent, "incidentId" | "orgId" | "actor" | "at">[];
  audit: { action: string; details: Record<string, unknown> };
}

export interface IncidentTarget {
  ctx: ServiceCtx;
  access: OrgAccess;
  incidentId: string;
}

/**
 * The frame of every operator action: lock the incident, let the action decide (null: nothing
 * changes, so no event), then write the change, its timeline events and the audit row together.
 */
export async function changeIncident(
  { ctx, access, incidentId }: IncidentTarget,
  decide: (row: IncidentRow, tx: Tx) => Promise<Change | null> | Change | null,
): Promise<IncidentDetail> {
  await ctx.db.transaction(async (tx) => {
    const i = schema.incidents;
    const [row] = await tx
      .select()
      .from(i)
      .where(and(eq(i.orgId, access.orgId), eq(i.id, incidentId)))
      .for("update");
    if (!row) throw new NotFoundError("Incident");
    const change = await decide(row, tx);
    if (!change) return;
    const at = new Date();
    await tx
      .update(i)
      .set({ ...change.set, updatedAt: at })
      .where(eq(i.id, row.id));
    await appendEvents(
      tx,
      change.events.map((e) => ({ ...e, incidentId, orgId: access.orgId, actor: ctx.actor, at })),
    );
    await writeAudit(tx, ctx, {
      orgId: access.orgId,
      action: change.audit.action,
      targetType: "incident",
      targetId: incidentId,
      details: change.audit.details,
    });
  });
  return getIncident(ctx.db, access.orgId, incidentId);
}

export function assertOpen(row: IncidentRow, what: string): void {
  if (row.resolvedAt) {
    throw new ConflictError(`The incident is resolved: it cannot be ${what}`);
  }
}
