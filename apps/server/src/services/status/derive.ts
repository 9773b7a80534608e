import type { ComponentKind, ComponentState, NodeStatus, Region } from "@edgeplane/contracts";

/**
 * Component state from node health. Pending nodes are not yet in service and count for
 * nothing; maintenance nodes are set aside. Of the rest: all offline is a major outage, at
 * least a tenth offline (one node of a small site) a partial outage, any node offline or
 * degraded below that degraded performance.
 */
export interface Counts {
  total: number;
  offline: number;
  degraded: number;
  maintenance: number;
  pending: number;
}

export const partialOutageShare = 0.1;

export function componentState(c: Counts): ComponentState {
  const inService = c.total - c.pending;
  const active = inService - c.maintenance;
  if (inService > 0 && active === 0) return "under_maintenance";
  if (active === 0) return "operational";
  if (c.offline === active) return "major_outage";
  if (c.offline > 0 && c.offline / active >= partialOutageShare) return "partial_outage";
  if (c.offline > 0 || c.degraded > 0) return "degraded_performance";
  return "operational";
}

export const emptyCounts = (): Counts => ({
  total: 0,
  offline: 0,
  degraded: 0,
  maintenance: 0,
  pending: 0,
});

export function count(c: Counts, status: NodeStatus, n = 1): void {
  c.total += n;
  if (status === "offline") c.offline += n;
  else if (status === "degraded") c.degraded += n;
  else if (status === "maintenance") c.maintenance += n;
  else if (status === "pending") c.pending += n;
}

export interface NodeForStatus {
  siteId: string;
  siteName: string;
  region: Region;
  status: NodeStatus;
  models: readonly string[];
  /** How many nodes this row stands for (1 unless grouped in SQL). */
  count?: number;
}

export interface Component {
  kind: ComponentKind;
  id: string;
  name: string;
  counts: Counts;
  state: ComponentState;
}

/** Regions, sites and models of one org, each with the state its nodes give it. */
export function components(nodes: readonly NodeForStatus[]): Component[] {
  const map = new Map<string, Component>();
  const add = (kind: ComponentKind, id: string, name: string, status: NodeStatus, n: number) => {
    const key = `${kind}:${id}`;
    let c = map.get(key);
    if (!c) {
      c = { kind, id, name, counts: emptyCounts(), state: "operational" };
      map.set(key, c);
    }
    count(c.counts, status, n);
  };
  for (const n of nodes) {
    const k = n.count ?? 1;
    add("region", n.region, n.region, n.status, k);
    add("site", n.siteId, n.siteName, n.status, k);
    for (const m of new Set(n.models)) add("model", m, m, n.status, k);
  }
  for (const c of map.values()) c.state = componentState(c.counts);
  return [...map.values()];
}

const order: ComponentState[] = [
  "operational",
  "under_maintenance",
  "degraded_performance",
  "partial_outage",
  "major_outage",
];
export const stateRank = (s: ComponentState) => order.indexOf(s);
