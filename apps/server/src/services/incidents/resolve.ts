import type { IncidentDetail } from "@edgeplane/contracts";
import {
  assertOpen,
  type Change,
  changeIncident,
  type IncidentRow,
  type IncidentTarget,
} from "./change.ts";

export function resolution(row: IncidentRow, userId: string, note?: string): Change {
  return {
    set: { status: "resolved", resolvedAt: new Date(), resolvedBy: userId },
    events: [{ kind: "resolved", from: row.status, to: "resolved", note: note ?? null }],
    audit: { action: "incident.resolved", details: { title: row.title, from: row.status } },
  };
}

/** Resolves by hand; if the cause is still there, a new incident opens when it next starts. */
export function resolveIncident(
  target: IncidentTarget & { note?: string },
): Promise<IncidentDetail> {
  return changeIncident(target, (row) => {
    assertOpen(row, "resolved again");
    return resolution(row, target.ctx.actor.userId, target.note);
  });
}
