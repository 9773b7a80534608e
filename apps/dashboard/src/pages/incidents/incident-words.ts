import type { IncidentCause, IncidentEventView, IncidentView } from "@edgeplane/contracts";
import { incidentStatusStyles, severityStyles } from "../../lib/ops-states.ts";

export const causeLabels: Record<IncidentCause, string> = {
  connectivity: "Connectivity (late or missing telemetry)",
  gpu_temperature: "GPU temperature",
  xid_error: "GPU XID error",
  ecc_uncorrectable: "Uncorrectable ECC errors",
  upstream_unhealthy: "Inference server unhealthy",
  error_rate: "Request error rate",
  site_offline: "Site offline",
};

/** Who did it: a member's e-mail, or the health evaluator when nobody did. */
export function actorName(actor: IncidentEventView["actor"]): string {
  if (!actor) return "Health evaluator";
  return actor.email ?? "A former member";
}

const statusWord = (s: string | null) =>
  s && s in incidentStatusStyles
    ? incidentStatusStyles[s as keyof typeof incidentStatusStyles].label
    : (s ?? "?");
const severityWord = (s: string | null) =>
  s && s in severityStyles ? severityStyles[s as keyof typeof severityStyles].label : (s ?? "?");

/** The timeline's "what", in words; `emailOf` names a user id (assignments store ids). */
export function describeEvent(
  e: IncidentEventView,
  emailOf: (userId: string) => string | null,
): string {
  switch (e.kind) {
    case "opened":
      return `Opened as ${severityWord(e.to).toLowerCase()}`;
    case "severity_changed":
      return `Severity changed from ${severityWord(e.from)} to ${severityWord(e.to)}`;
    case "acknowledged":
      return "Acknowledged";
    case "assigned":
      return e.to ? `Assigned to ${emailOf(e.to) ?? "a former member"}` : "Unassigned";
    case "note":
      return "Added a note";
    case "status_changed":
      return `Status changed from ${statusWord(e.from)} to ${statusWord(e.to)}`;
    case "resolved":
      return e.actor ? "Resolved" : "Resolved automatically: the node recovered";
  }
}

export const eventColors: Record<IncidentEventView["kind"], string> = {
  opened: "red",
  severity_changed: "orange",
  acknowledged: "blue",
  assigned: "blue",
  note: "gray",
  status_changed: "blue",
  resolved: "green",
};

/** Open incidents last until now; resolved ones until they were resolved. */
export function incidentDurationMs(i: Pick<IncidentView, "openedAt" | "resolvedAt">, now: number) {
  return (i.resolvedAt ? Date.parse(i.resolvedAt) : now) - Date.parse(i.openedAt);
}
