import type {
  Accelerator,
  ConnectivityTier,
  NodeKeyState,
  NodeStatus,
  Region,
  SiteStatus,
  SiteType,
} from "@edgeplane/contracts";

// Response shapes of apps/server/src/routes/api/{sites,nodes,node-keys}/schema.ts.

/** Every list answers a keyset page, newest first. */
export interface Page<T> {
  items: T[];
  /** Matches for the filters, all pages. */
  total: number;
  nextCursor: string | null;
}

export interface Site {
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

export interface FleetNode {
  id: string;
  siteId: string;
  siteName: string;
  name: string;
  externalId: string;
  acceleratorType: string;
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

export interface NodeKey {
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
  key: NodeKey;
  secret: string;
}

export interface RotatedNodeKey extends IssuedNodeKey {
  previous: { id: string; expiresAt: string };
}
