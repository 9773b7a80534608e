import { type NodeStatus, type Region, regionLabels, type StatusPage } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../context.ts";
import { incidentView, selectIncidents } from "../incidents/views.ts";
import { anySimulated, readMark, rowsOf } from "../telemetry/sql.ts";
import { componentState, components, count, emptyCounts } from "./derive.ts";

const windowDays = 90;
const day = 86_400_000;

interface DailyRow {
  kind: string;
  component_id: string;
  /** Day → observed seconds (org rows) or weighted down seconds (components). */
  days: Record<string, number | string>;
}

/** The status page: each region, site and model now, 90 daily uptime values, open incidents. */
export async function getStatusPage(db: Db, orgId: string, now: number): Promise<StatusPage> {
  const nodes = await rowsOf<{
    site_id: string;
    site_name: string;
    region: Region;
    status: NodeStatus;
    models: string[] | null;
    n: number;
  }>(
    db,
    sql`select n.site_id, s.name as site_name, s.region, n.status, t.models, count(*)::int as n
        from nodes n join sites s on s.id = n.site_id left join node_telemetry t on t.node_id = n.id
        where n.org_id = ${orgId} group by 1, 2, 3, 4, 5`,
  );
  const list = components(
    nodes.map((n) => ({
      siteId: n.site_id,
      siteName: n.site_name,
      region: n.region,
      status: n.status,
      models: n.models ?? [],
      count: n.n,
    })),
  );
  const totals = emptyCounts();
  for (const n of nodes) count(totals, n.status, n.n);

  const today = Math.floor(now / day) * day;
  const days = Array.from({ length: windowDays }, (_, i) =>
    new Date(today - (windowDays - 1 - i) * day).toISOString().slice(0, 10),
  );
  // One row per component (its days as a JSON object): far fewer rows than component-days.
  const rows = await rowsOf<DailyRow>(
    db,
    sql`select kind, component_id,
          json_object_agg(to_char(day, 'YYYY-MM-DD'),
            case when kind = 'org' then observed_seconds else major_seconds + 0.5 * partial_seconds end) as days
        from status_daily where org_id = ${orgId} and day >= ${days[0]}::date group by 1, 2`,
  );
  const observed = new Map<string, number>();
  const down = new Map<string, number>();
  for (const r of rows) {
    for (const [d, v] of Object.entries(r.days)) {
      if (r.kind === "org") observed.set(d, Number(v));
      else down.set(`${r.kind}:${r.component_id}:${d}`, Number(v));
    }
  }

  const i = schema.incidents;
  const active = await selectIncidents(db)
    .where(and(eq(i.orgId, orgId), isNull(i.resolvedAt)))
    .orderBy(desc(i.id))
    .limit(100);

  return {
    asOf: new Date((await readMark(db, "health.evaluated")) ?? now).toISOString(),
    simulated: await anySimulated(db, { orgId }),
    overall: componentState(totals),
    days,
    components: list.map((c) => {
      let seen = 0;
      let lost = 0;
      const uptime = days.map((d) => {
        const obs = observed.get(d) ?? 0;
        if (obs <= 0) return null;
        const dn = Math.min(obs, down.get(`${c.kind}:${c.id}:${d}`) ?? 0);
        seen += obs;
        lost += dn;
        return 1 - dn / obs;
      });
      return {
        kind: c.kind,
        id: c.id,
        name: c.kind === "region" ? regionLabels[c.id as Region] : c.name,
        state: c.state,
        nodes: c.counts.total,
        uptime,
        uptime90: seen > 0 ? 1 - lost / seen : null,
      };
    }),
    activeIncidents: active.map(incidentView),
  };
}
