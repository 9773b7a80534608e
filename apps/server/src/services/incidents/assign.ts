import type { IncidentDetail } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, eq } from "drizzle-orm";
import { ValidationError } from "../../errors.ts";
import { changeIncident, type IncidentTarget } from "./change.ts";

/** Names the incident's owner (a member of the org), or clears it with null. */
export function assignIncident(
  target: IncidentTarget & { assigneeId: string | null },
): Promise<IncidentDetail> {
  const { assigneeId, access } = target;
  return changeIncident(target, async (row, tx) => {
    if (row.assigneeId === assigneeId) return null;
    let email: string | null = null;
    if (assigneeId) {
      const [m] = await tx
        .select({ email: schema.users.email })
        .from(schema.memberships)
        .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
        .where(
          and(
            eq(schema.memberships.orgId, access.orgId),
            eq(schema.memberships.userId, assigneeId),
          ),
        )
        .limit(1);
      if (!m) {
        throw new ValidationError([
          { path: "assigneeId", message: "Not a member of this organization" },
        ]);
      }
      email = m.email;
    }
    return {
      set: { assigneeId },
      events: [{ kind: "assigned", from: row.assigneeId, to: assigneeId, details: { email } }],
      audit: { action: "incident.assigned", details: { from: row.assigneeId, to: assigneeId } },
    };
  });
}
