import type { HealthReason, NodeStatus, OperatorSummary, Region } from "@edgeplane/contracts";
import { sql } from "drizzle-orm";
import type { Db } from "../context.ts";
import { worstSeverity } from "../health/rules.ts";
import { componentState, count, emptyCounts, stateRank } from "../status/derive.ts";
import { anySimulated, readMark, rowsOf } from "../telemetry/sql.ts";

const attentionLimit = 25;
const rank = { minor: 1, major: 2, critical: 3 } as const;

type Counts = OperatorSummary["nodes"];
const zero = (): Counts => ({
  total: 0,
  pending: 0,
  online: 0,
  degraded: 0,
  offline: 0,
  maintenance: 0,
});

/** Mission control in one read: node and GPU counts, open incidents, sites, who needs help first. */
export async function getOperatorSummary(
  db: Db,
  orgId: string,
  now: number,
): Promise<OperatorSummary> {
  const nodes = zero();
  const gpus = { online: 0, total: 0 };
  const byStatus = await rowsOf<{ status: NodeStatus; n: number; gpus: number; reporting: number }>(
    db,
    sql`select n.status, count(*)::int as n, sum(n.gpu_count)::int as gpus,
          sum(coalesce(t.gpu_count, n.gpu_count))::int as reporting
        from nodes n left join node_telemetry t on t.node_id = n.id
        where n.org_id = ${orgId} group by n.status`,
  );
  for (const r of byStatus) {
    nodes[r.status] += r.n;
    nodes.total += r.n;
    gpus.total += r.gpus;
    if (r.status === "online" || r.status === "degraded") gpus.online += r.reporting;
  }

  const openIncidents = { minor: 0, major: 0, critical: 0 };
  const incidents = await rowsOf<{ severity: keyof typeof openIncidents; n: number }>(
    db,
    sql`select severity, count(*)::int as n from incidents
        where org_id = ${orgId} and resolved_at is null group by severity`,
  );
  for (const r of incidents) openIncidents[r.severity] = r.n;

  const siteRows = await rowsOf<{
    id: string;
    name: string;
    region: Region;
    status: NodeStatus | null;
    n: number;
  }>(
    db,
    sql`select s.id, s.name, s.region, n.status, count(n.id)::int as n
        from sites s left join nodes n on n.site_id = s.id
        where s.org_id = ${orgId} and s.status <> 'retired'
        group by s.id, s.name, s.region, n.status`,
  );
  const sites = new Map<string, OperatorSummary["sites"][number]>();
  for (const r of siteRows) {
    const site = sites.get(r.id) ?? {
      id: r.id,
      name: r.name,
      region: r.region,
      state: "operational" as const,
      counts: zero(),
    };
    if (r.status) {
      site.counts[r.status] += r.n;
      site.counts.total += r.n;
    }
    sites.set(r.id, site);
  }
  for (const site of sites.values()) {
    const c = emptyCounts();
    for (const s of ["pending", "online", "degraded", "offline", "maintenance"] as const)
      count(c, s, site.counts[s]);
    site.state = componentState(c);
  }

  const troubled = await rowsOf<{
    id: string;
    name: string;
    site_id: string;
    site_name: string;
    status: NodeStatus;
    since: string | Date;
    reasons: HealthReason[];
  }>(
    db,
    sql`select n.id, n.name, n.site_id, s.name as site_name, n.status, h.since, h.reasons
        from node_health h join nodes n on n.id = h.node_id join sites s on s.id = n.site_id
        where h.org_id = ${orgId} and n.status in ('offline', 'degraded')`,
  );
  const needsAttention = troubled
    .map((r) => ({
      nodeId: r.id,
      name: r.name,
      siteId: r.site_id,
      siteName: r.site_name,
      status: r.status,
      severity:
        r.status === "offline" ? ("critical" as const) : (worstSeverity(r.reasons) ?? "minor"),
      since: new Date(r.since).toISOString(),
      reasons: r.reasons,
    }))
    .sort((a, b) => rank[b.severity] - rank[a.severity] || a.since.localeCompare(b.since))
    .slice(0, attentionLimit);

  return {
    asOf: new Date((await readMark(db, "health.evaluated")) ?? now).toISOString(),
    simulated: await anySimulated(db, { orgId }),
    nodes,
    gpus,
    openIncidents,
    sites: [...sites.values()].sort(
      (a, b) => stateRank(b.state) - stateRank(a.state) || a.name.localeCompare(b.name),
    ),
    needsAttention,
  };
}
