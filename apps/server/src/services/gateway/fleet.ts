import { schema } from "@edgeplane/db";
import { and, eq, inArray, ne } from "drizzle-orm";
import type { Db, Tx } from "../context.ts";
import type { FleetNode } from "./route.ts";
import { TtlCache } from "./ttl-cache.ts";

/**
 * The org's nodes that could take traffic (online or degraded, at a site not retired), with
 * what they serve: the node_models table, or the models of their latest telemetry sample.
 */
export async function loadFleet(db: Db, orgId: string): Promise<FleetNode[]> {
  const n = schema.nodes;
  const s = schema.sites;
  const t = schema.nodeTelemetry;
  const rows = await db
    .select({
      nodeId: n.id,
      siteId: n.siteId,
      status: n.status,
      latencyEstimateMs: n.latencyEstimateMs,
      country: s.country,
      region: s.region,
      queueDepth: t.queueDepth,
      reported: t.models,
    })
    .from(n)
    .innerJoin(s, and(eq(s.orgId, n.orgId), eq(s.id, n.siteId)))
    .leftJoin(t, eq(t.nodeId, n.id))
    .where(
      and(eq(n.orgId, orgId), inArray(n.status, ["online", "degraded"]), ne(s.status, "retired")),
    );
  if (rows.length === 0) return [];
  const nm = schema.nodeModels;
  const served = await db
    .select({ nodeId: nm.nodeId, upstreamName: nm.upstreamName })
    .from(nm)
    .where(
      inArray(
        nm.nodeId,
        rows.map((r) => r.nodeId),
      ),
    );
  const models = new Map<string, Set<string>>();
  for (const r of rows) models.set(r.nodeId, new Set(r.reported ?? []));
  // The empty name is record-node-models' report marker, never a model.
  for (const r of served) if (r.upstreamName) models.get(r.nodeId)?.add(r.upstreamName);
  return rows.map((r) => ({
    nodeId: r.nodeId,
    siteId: r.siteId,
    country: r.country,
    region: r.region,
    status: r.status,
    latencyEstimateMs: r.latencyEstimateMs,
    queueDepth: r.queueDepth,
    models: models.get(r.nodeId) ?? new Set(),
  }));
}

const fleets = new WeakMap<object, TtlCache<FleetNode[]>>();

/** Routing's view of an org's fleet, re-read every 2 s: a node's state change routes within 2 s. */
export function fleetView(db: Db): TtlCache<FleetNode[]> {
  let f = fleets.get(db);
  if (!f) {
    f = new TtlCache((orgId) => loadFleet(db, orgId), { ttlMs: 2000 });
    fleets.set(db, f);
  }
  return f;
}

/** After node models or node states were written here: the next request reads them. */
export function evictFleet(db: Db | Tx, orgId?: string): void {
  fleets.get(db)?.evict(orgId);
}
