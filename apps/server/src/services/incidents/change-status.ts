import type { IncidentDetail, IncidentStatus } from "@edgeplane/contracts";
import { assertOpen, changeIncident, type IncidentTarget } from "./change.ts";
import { resolution } from "./resolve.ts";

/** Moves an open incident through investigating → identified → monitoring (→ resolved). */
export function changeIncidentStatus(
  target: IncidentTarget & { status: IncidentStatus; note?: string },
): Promise<IncidentDetail> {
  const { status, note } = target;
  return changeIncident(target, (row) => {
    assertOpen(row, "changed");
    if (status === "resolved") return resolution(row, target.ctx.actor.userId, note);
    if (row.status === status && !note) return null;
    return {
      set: { status },
      events: [{ kind: "status_changed", from: row.status, to: status, note: note ?? null }],
      audit: { action: "incident.status_changed", details: { from: row.status, to: status } },
    };
  });
}
