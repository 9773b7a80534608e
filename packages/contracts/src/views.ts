import type {
  Accelerator,
  ConnectivityTier,
  NodeKeyState,
  NodeStatus,
  Region,
  SiteStatus,
  SiteType,
} from "./fleet.ts";
import type { UseCase } from "./orgs.ts";
import type { Role } from "./roles.ts";

/**
 * Response shapes of the control-plane API, declared once: the server's services build
 * them and the dashboard reads them. Times are ISO 8601 strings.
 */

/** Every list answers a keyset page, newest first. */
export interface Page<T> {
  items: T[];
  /** Matches for the filters, all pages. */
  total: number;
  nextCursor: string | null;
}

export interface OrgView {
  id: string;
  name: string;
  slug: string;
  useCase: UseCase;
  createdAt: string;
  updatedAt: string;
}

export interface MembershipView {
  org: OrgView;
  role: Role;
}

export interface MeView {
  user: { id: string; email: string };
  memberships: MembershipView[];
}

export interface MemberView {
  userId: string;
  email: string;
  role: Role;
  joinedAt: string;
  lastSignInAt: string | null;
}

export interface InvitationView {
  id: string;
  email: string;
  role: Role;
  invitedBy: string | null;
  createdAt: string;
}

export interface AuditView {
  id: string;
  at: string;
  actor: { id: string | null; email: string | null };
  action: string;
  target: { type: string; id: string };
  orgId: string | null;
  details: Record<string, unknown>;
  requestId: string | null;
}

export interface AuditPage {
  items: AuditView[];
  nextCursor: string | null;
}

export interface SiteView {
  id: string;
  name: string;
  city: string;
  country: string;
  countryName: string;
  region: Region;
  powerCapacityKw: number;
  siteType: SiteType;
  connectivityTier: ConnectivityTier;
  energyPricePerKwh: number | null;
  currency: string | null;
  pue: number | null;
  status: SiteStatus;
  nodeCount: number;
  power: { capacityKw: number; allocatedKw: number; headroomKw: number };
  createdAt: string;
  updatedAt: string;
}

export interface NodeView {
  id: string;
  siteId: string;
  siteName: string;
  name: string;
  externalId: string;
  acceleratorType: string;
  /** The catalogue entry when `acceleratorType` names one; null for free text. */
  accelerator: Accelerator | null;
  gpuCount: number;
  powerDrawW: number;
  latencyEstimateMs: number | null;
  status: NodeStatus;
  labels: Record<string, string>;
  capacityWarning: string | null;
  lastSeenAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A node key as lists show it: never the secret, never the hash. */
export interface NodeKeyView {
  id: string;
  nodeId: string;
  node: { id: string; name: string; externalId: string };
  name: string | null;
  /** The key's first characters, for recognising it. */
  start: string;
  state: NodeKeyState;
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  replacedById: string | null;
}

/** The only response that carries a node key's secret. */
export interface IssuedNodeKey {
  key: NodeKeyView;
  secret: string;
}

export interface RotatedNodeKey extends IssuedNodeKey {
  previous: { id: string; expiresAt: string };
}
