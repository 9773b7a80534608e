import type { NodeStatus, Region } from "@edgeplane/contracts";

/** A node as the router sees it: where it is, its state, what its upstream serves. */
export interface FleetNode {
  nodeId: string;
  siteId: string;
  country: string;
  region: Region;
  status: NodeStatus;
  /** The operator's estimate, used until the gateway has measured the node itself. */
  latencyEstimateMs: number | null;
  /** Requests waiting in the node's inference server, as its agent last reported. */
  queueDepth: number | null;
  /** Upstream model names the node serves. */
  models: ReadonlySet<string>;
}

/** Where a key may be served: the customer's regions (narrowed by the key) and residency. */
export interface Placement {
  regions: readonly Region[];
  /** Countries allowed to serve; null: no residency constraint. */
  residency: readonly string[] | null;
}

/** What only this process knows right now: tunnels, requests in flight, measured latency. */
export interface LiveView {
  connected(nodeId: string): boolean;
  outstanding(nodeId: string): number;
  measuredLatencyMs(nodeId: string): number | null;
}

/** The residency rule: a node outside the key's countries or regions is never a candidate. */
export function placementAllows(p: Placement, node: Pick<FleetNode, "country" | "region">) {
  if (!p.regions.includes(node.region)) return false;
  return p.residency === null || p.residency.includes(node.country);
}

/**
 * Candidates for a request: connected, serving the model, in an allowed place. Online nodes
 * only; degraded ones stand in only when no online node qualifies (better slow than refused).
 */
export function candidateNodes(
  fleet: readonly FleetNode[],
  placement: Placement,
  upstreamName: string,
  live: Pick<LiveView, "connected">,
  exclude: ReadonlySet<string> = new Set(),
): FleetNode[] {
  const eligible = fleet.filter(
    (n) =>
      (n.status === "online" || n.status === "degraded") &&
      !exclude.has(n.nodeId) &&
      n.models.has(upstreamName) &&
      placementAllows(placement, n) &&
      live.connected(n.nodeId),
  );
  const online = eligible.filter((n) => n.status === "online");
  return online.length > 0 ? online : eligible;
}

const defaultLatencyMs = 50;

/** Lower is better: requests ahead of this one (ours in flight + the node's queue) × latency. */
export function nodeScore(node: FleetNode, live: LiveView): number {
  const load = live.outstanding(node.nodeId) + Math.max(0, node.queueDepth ?? 0);
  const latency = live.measuredLatencyMs(node.nodeId) ?? node.latencyEstimateMs ?? defaultLatencyMs;
  return (load + 1) * (Math.max(0, latency) + 20);
}

/** The best-scoring candidate; ties broken at random so equal nodes share the load. */
export function pickNode(
  candidates: readonly FleetNode[],
  live: LiveView,
  random: () => number = Math.random,
): FleetNode | null {
  let best: FleetNode | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  let ties = 0;
  for (const n of candidates) {
    const s = nodeScore(n, live);
    if (s < bestScore) {
      best = n;
      bestScore = s;
      ties = 1;
    } else if (s === bestScore) {
      ties++;
      if (random() * ties < 1) best = n;
    }
  }
  return best;
}
