import type { NodeKeyState, NodeStatus, SiteStatus } from "@edgeplane/contracts";
import { componentStateStyles, incidentStatusStyles, severityStyles } from "./ops-states.ts";

/** State words and colours (FIELD-NOTES.md), the one source for every badge. */
export interface StateStyle {
  label: string;
  color: string;
}

export const nodeStatusStyles: Record<NodeStatus, StateStyle> = {
  online: { label: "Online", color: "green" },
  degraded: { label: "Degraded", color: "orange" },
  offline: { label: "Offline", color: "red" },
  maintenance: { label: "Maintenance", color: "blue" },
  pending: { label: "Pending", color: "gray" },
};

export const siteStatusStyles: Record<SiteStatus, StateStyle> = {
  active: { label: "Active", color: "green" },
  commissioning: { label: "Commissioning", color: "blue" },
  retired: { label: "Retired", color: "gray" },
};

export const keyStateStyles: Record<NodeKeyState, StateStyle> = {
  active: { label: "Active", color: "green" },
  expired: { label: "Expired", color: "gray" },
  revoked: { label: "Revoked", color: "red" },
};

export type StateKind = "node" | "site" | "key" | "component" | "incident" | "severity";

const styles: Record<StateKind, Record<string, StateStyle>> = {
  node: nodeStatusStyles,
  site: siteStatusStyles,
  key: keyStateStyles,
  component: componentStateStyles,
  incident: incidentStatusStyles,
  severity: severityStyles,
};

export function stateStyle(kind: StateKind, state: string): StateStyle {
  return styles[kind][state] ?? { label: state, color: "gray" };
}

export const stateOptions = (kind: StateKind) =>
  Object.entries(styles[kind]).map(([value, s]) => ({ value, label: s.label }));
