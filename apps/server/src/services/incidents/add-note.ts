import type { IncidentDetail } from "@edgeplane/contracts";
import { changeIncident, type IncidentTarget } from "./change.ts";

/** Adds a note to the timeline (resolved incidents too: post-incident notes belong there). */
export function addIncidentNote(
  target: IncidentTarget & { body: string },
): Promise<IncidentDetail> {
  return changeIncident(target, () => ({
    set: {},
    events: [{ kind: "note", note: target.body }],
    audit: { action: "incident.note_added", details: { length: target.body.length } },
  }));
}
