import type { IncidentDetail } from "@edgeplane/contracts";
import { assertOpen, changeIncident, type IncidentTarget } from "./change.ts";

/** Acknowledges an open incident (PagerDuty's "ack"); acknowledging twice changes nothing. */
export function acknowledgeIncident(target: IncidentTarget): Promise<IncidentDetail> {
  return changeIncident(target, (row) => {
    assertOpen(row, "acknowledged");
    if (row.acknowledgedAt) return null;
    return {
      set: { acknowledgedAt: new Date(), acknowledgedBy: target.ctx.actor.userId },
      events: [{ kind: "acknowledged" }],
      audit: { action: "incident.acknowledged", details: { title: row.title } },
    };
  });
}
