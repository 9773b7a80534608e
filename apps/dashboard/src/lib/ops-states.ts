import type { ComponentState, IncidentSeverity, IncidentStatus } from "@edgeplane/contracts";

/** Status-page, incident and severity words and colours (FIELD-NOTES.md: Statuspage, PagerDuty). */
export interface OpsStateStyle {
  label: string;
  color: string;
}

export const componentStateStyles: Record<ComponentState, OpsStateStyle> = {
  operational: { label: "Operational", color: "green" },
  degraded_performance: { label: "Degraded performance", color: "yellow" },
  partial_outage: { label: "Partial outage", color: "orange" },
  major_outage: { label: "Major outage", color: "red" },
  under_maintenance: { label: "Under maintenance", color: "blue" },
};

export const incidentStatusStyles: Record<IncidentStatus, OpsStateStyle> = {
  investigating: { label: "Investigating", color: "red" },
  identified: { label: "Identified", color: "orange" },
  monitoring: { label: "Monitoring", color: "blue" },
  resolved: { label: "Resolved", color: "green" },
};

/** Critical first: the order every list and count uses. */
export const severityStyles: Record<IncidentSeverity, OpsStateStyle> = {
  critical: { label: "Critical", color: "red" },
  major: { label: "Major", color: "orange" },
  minor: { label: "Minor", color: "yellow" },
};

export const severitiesWorstFirst: IncidentSeverity[] = ["critical", "major", "minor"];
