/** Roles, named after the runbook's owners. */
export const roles = [
  "owner",
  "admin",
  "operator",
  "infra_engineer",
  "ops_lead",
  "customer_success",
  "customer_engineer",
  "launch_owner",
  "viewer",
] as const;

export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  operator: "Operator",
  infra_engineer: "Infrastructure engineer",
  ops_lead: "Operations lead",
  customer_success: "Customer success",
  customer_engineer: "Customer engineer",
  launch_owner: "Launch owner",
  viewer: "Viewer",
};

const everyone = roles;
const managers = ["owner", "admin"] as const satisfies readonly Role[];
const fleet = [
  "owner",
  "admin",
  "operator",
  "infra_engineer",
  "ops_lead",
] as const satisfies readonly Role[];

/**
 * The one permission map: what each action needs. Every route checks one of these;
 * the dashboard reads the same map to hide actions a member cannot take.
 */
export const permissions = {
  "org.read": everyone,
  "org.update": managers,
  "members.read": everyone,
  "members.manage": managers,
  "audit.read": managers,
  "sites.read": everyone,
  "sites.write": fleet,
  "nodes.read": everyone,
  "nodes.write": fleet,
  "nodeKeys.read": everyone,
  "nodeKeys.write": ["owner", "admin", "operator", "infra_engineer"],
  /** Health, telemetry charts, the status page: the whole team reads them (runbook 05). */
  "telemetry.read": everyone,
  "incidents.read": everyone,
  "incidents.write": fleet,
  "nodes.maintenance": fleet,
  /** Customer accounts and their API keys (runbook 07: admin + customer engineer). */
  "customers.read": everyone,
  "customers.write": ["owner", "admin", "customer_success", "customer_engineer"],
  /** The model catalogue sets prices and what nodes are asked for. */
  "models.read": everyone,
  "models.write": ["owner", "admin", "operator", "customer_engineer"],
  "usage.read": everyone,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function can(role: Role, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(role);
}
