import type { NodeStatus, Region } from "@edgeplane/contracts";
import type { StoredReason } from "@edgeplane/db/schema";
import { sql } from "drizzle-orm";
import type { HealthThresholds } from "../../jobs/config.ts";
import type { Tx } from "../context.ts";
import type { NodeForStatus } from "../status/derive.ts";
import { rowsOf } from "../telemetry/sql.ts";

export interface Candidate {
  id: string;
  org_id: string;
  site_id: string;
  name: string;
  status: NodeStatus;
  received_at: Date | string | null;
  interval_seconds: number | null;
  gpu_temp: number | null;
  hottest_gpu: number | null;
  ecc_uncorrected: number | string | null;
  ecc_gpu: number | null;
  xids: Record<string, number> | null;
  upstream_healthy: boolean | null;
  error_rate_pct: number | null;
  h_status: NodeStatus | null;
  since: Date | string | null;
  reasons: StoredReason[] | null;
  xid_baseline: Record<string, number> | null;
  xid_event: { gpu: number; code: number; at: string } | null;
  maintenance: boolean | null;
}

/**
 * The nodes whose health could change in this pass. A healthy node (online, no reasons, not
 * in maintenance) stays so unless a condition of rules.ts *enters*; this filter is a superset
 * of those entry conditions (it uses the lower clear thresholds), so the rules still decide
 * and a healthy fleet of 10,000 costs a pass only its troubled nodes.
 */
export function loadCandidates(tx: Tx, t: HealthThresholds, now: number, watchingSince: number) {
  return rowsOf<Candidate>(
    tx,
    sql`select n.id, n.org_id, n.site_id, n.name, n.status,
          t.received_at, t.interval_seconds, t.gpu_temp, t.hottest_gpu, t.ecc_uncorrected, t.ecc_gpu,
          t.xids, t.upstream_healthy, t.error_rate_pct,
          h.status as h_status, h.since, h.reasons, h.xid_baseline, h.xid_event, h.maintenance
        from nodes n
        left join node_telemetry t on t.node_id = n.id
        left join node_health h on h.node_id = n.id
        where (t.node_id is not null or h.node_id is not null) and (
          h.node_id is null or h.status <> n.status or h.status <> 'online' or h.maintenance
          or jsonb_array_length(h.reasons) > 0
          or greatest(t.received_at, ${new Date(watchingSince).toISOString()}::timestamptz)
             < ${new Date(now).toISOString()}::timestamptz - make_interval(secs => least(
               t.interval_seconds * ${t.lateIntervals}, ${t.offlineAfterMs / 1000}))
          or t.gpu_temp >= ${t.gpuTempClearC} or t.ecc_uncorrected > 0 or t.upstream_healthy = false
          or t.error_rate_pct > ${t.errorRateClearPct} or t.xids <> h.xid_baseline)`,
  );
}

/** Monitored (neither pending nor in maintenance) and offline nodes per site. */
export async function siteCounts(tx: Tx) {
  const rows = await rowsOf<{
    site_id: string;
    org_id: string;
    name: string;
    monitored: number;
    offline: number;
  }>(
    tx,
    sql`select n.site_id, n.org_id, s.name,
          count(*) filter (where n.status not in ('pending', 'maintenance'))::int as monitored,
          count(*) filter (where n.status = 'offline')::int as offline
        from nodes n join sites s on s.id = n.site_id group by 1, 2, 3`,
  );
  return new Map(rows.map((r) => [r.site_id, r]));
}

/** Every org's nodes grouped by site, state and models: the status components' input. */
export async function statusInput(tx: Tx): Promise<Map<string, NodeForStatus[]>> {
  const rows = await rowsOf<{
    org_id: string;
    site_id: string;
    site_name: string;
    region: Region;
    status: NodeStatus;
    models: string[] | null;
    n: number;
  }>(
    tx,
    sql`select n.org_id, n.site_id, s.name as site_name, s.region, n.status, t.models, count(*)::int as n
        from nodes n join sites s on s.id = n.site_id left join node_telemetry t on t.node_id = n.id
        group by 1, 2, 3, 4, 5, 6`,
  );
  const byOrg = new Map<string, NodeForStatus[]>();
  for (const r of rows) {
    const list = byOrg.get(r.org_id) ?? [];
    list.push({
      siteId: r.site_id,
      siteName: r.site_name,
      region: r.region,
      status: r.status,
      models: r.models ?? [],
      count: r.n,
    });
    byOrg.set(r.org_id, list);
  }
  return byOrg;
}
