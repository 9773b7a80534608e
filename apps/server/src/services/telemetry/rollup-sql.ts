import { type SQL, sql } from "drizzle-orm";
import { metricColumns } from "./metrics.ts";

/*
 * The rollup statements. Each recomputes whole buckets from the tier below and upserts them,
 * so running one twice (a retry, a second replica, late samples) gives the same rows.
 * Per metric a rollup holds min, max, sum and the count of non-null values: avg = sum / n,
 * and a coarser tier combines finer rows exactly.
 */

export type Tier = "1m" | "5m" | "1h";
export const tierMs: Record<Tier, number> = { "1m": 60_000, "5m": 300_000, "1h": 3_600_000 };
export const tierTable: Record<Tier, string> = {
  "1m": "telemetry_rollups_1m",
  "5m": "telemetry_rollups_5m",
  "1h": "telemetry_rollups_1h",
};

/** Timestamps travel as ISO text: postgres-js (under Drizzle) does not serialise a Date. */
const iso = (d: Date) => d.toISOString();

const metrics = Object.values(metricColumns).map((m) => m.column);
const statCols = metrics.flatMap((m) => [`${m}_min`, `${m}_max`, `${m}_sum`, `${m}_n`]);
const allCols = [
  "scope_id",
  "bucket",
  "scope",
  "org_id",
  "site_id",
  "nodes",
  "samples",
  ...statCols,
];

const fromRaw = sql.raw(
  metrics.map((m) => `min(s.${m}), max(s.${m}), sum(s.${m}), count(s.${m})`).join(", "),
);
const fromRollup = sql.raw(
  metrics
    .map((m) => `min(r.${m}_min), max(r.${m}_max), sum(r.${m}_sum), coalesce(sum(r.${m}_n), 0)`)
    .join(", "),
);

function upsert(tier: Tier, select: SQL): SQL {
  const set = allCols
    .filter((c) => c !== "scope_id" && c !== "bucket")
    .map((c) => `${c} = excluded.${c}`)
    .join(", ");
  return sql`insert into ${sql.raw(tierTable[tier])} (${sql.raw(allCols.join(", "))})
    ${select}
    on conflict (scope_id, bucket) do update set ${sql.raw(set)}`;
}

/**
 * Which ids a statement covers: all, a list (late samples), or a slice of the sorted ids (a
 * large bucket is rolled up in slices, so no single statement holds the embedded database long).
 */
export type IdScope = { ids: readonly string[] } | { after?: string; upTo?: string };

function inScope(column: string, scope: IdScope | undefined): SQL {
  if (!scope) return sql``;
  const col = sql.raw(column);
  if ("ids" in scope)
    return sql`and ${col} in (${sql.join(
      scope.ids.map((id) => sql`${id}`),
      sql`, `,
    )})`;
  const after = scope.after === undefined ? sql`` : sql`and ${col} > ${scope.after}`;
  const upTo = scope.upTo === undefined ? sql`` : sql`and ${col} <= ${scope.upTo}`;
  return sql`${after} ${upTo}`;
}

/** Node rows of one 5-minute bucket, from raw samples (optionally only some nodes). */
export function nodesFromRaw(bucket: Date, nodes?: IdScope): SQL {
  const end = new Date(bucket.getTime() + tierMs["5m"]);
  return upsert(
    "5m",
    sql`select s.node_id, ${iso(bucket)}::timestamptz, 'node', n.org_id, n.site_id, 1, count(*), ${fromRaw}
      from telemetry_samples s join nodes n on n.id = s.node_id
      where s.at >= ${iso(bucket)}::timestamptz and s.at < ${iso(end)}::timestamptz ${inScope("s.node_id", nodes)}
      group by s.node_id, n.org_id, n.site_id`,
  );
}

/** Node rows of one hour, from that hour's twelve 5-minute node rows. */
export function nodesFromFiveMinute(hour: Date, nodes?: IdScope): SQL {
  const end = new Date(hour.getTime() + tierMs["1h"]);
  return upsert(
    "1h",
    sql`select r.scope_id, ${iso(hour)}::timestamptz, 'node', r.org_id,
        (array_agg(r.site_id order by r.bucket desc))[1], 1, sum(r.samples), ${fromRollup}
      from telemetry_rollups_5m r
      where r.scope = 'node' and r.bucket >= ${iso(hour)}::timestamptz and r.bucket < ${iso(end)}::timestamptz
        ${inScope("r.scope_id", nodes)}
      group by r.scope_id, r.org_id`,
  );
}

const scopeOf = (alias: string) =>
  sql.raw(`case when grouping(${alias}.site_id) = 1 then 'fleet' else 'site' end`);

/** Site and fleet rows of one bucket of a tier, from that tier's node rows. */
export function sitesFromNodes(tier: "5m" | "1h", bucket: Date, orgs?: IdScope): SQL {
  return upsert(
    tier,
    sql`select coalesce(r.site_id, r.org_id), ${iso(bucket)}::timestamptz, ${scopeOf("r")}, r.org_id,
        r.site_id, count(*), sum(r.samples), ${fromRollup}
      from ${sql.raw(tierTable[tier])} r
      where r.scope = 'node' and r.bucket = ${iso(bucket)}::timestamptz ${inScope("r.org_id", orgs)}
      group by grouping sets ((r.org_id, r.site_id), (r.org_id))`,
  );
}

/** Site and fleet rows of one minute, from raw samples: the 1-hour charts of sites and fleets. */
export function sitesFromRaw(minute: Date, orgs?: IdScope): SQL {
  const end = new Date(minute.getTime() + tierMs["1m"]);
  return upsert(
    "1m",
    sql`select coalesce(x.site_id, x.org_id), ${iso(minute)}::timestamptz, ${scopeOf("x")}, x.org_id,
        x.site_id, count(distinct s.node_id), count(*), ${fromRaw}
      from telemetry_samples s join nodes x on x.id = s.node_id
      where s.at >= ${iso(minute)}::timestamptz and s.at < ${iso(end)}::timestamptz ${inScope("x.org_id", orgs)}
      group by grouping sets ((x.org_id, x.site_id), (x.org_id))`,
  );
}

/** Site rows only of one minute, for a slice of the sites (fleet rows: fleetFromSites). */
export function siteSliceFromRaw(minute: Date, sites: IdScope): SQL {
  const end = new Date(minute.getTime() + tierMs["1m"]);
  return upsert(
    "1m",
    sql`select x.site_id, ${iso(minute)}::timestamptz, 'site', x.org_id, x.site_id,
        count(distinct s.node_id), count(*), ${fromRaw}
      from nodes x join telemetry_samples s on s.node_id = x.id
        and s.at >= ${iso(minute)}::timestamptz and s.at < ${iso(end)}::timestamptz
      where true ${inScope("x.site_id", sites)}
      group by x.org_id, x.site_id`,
  );
}

/** Fleet rows of one minute from its site rows (a node is on one site: node counts add up). */
export function fleetFromSites(minute: Date): SQL {
  return upsert(
    "1m",
    sql`select r.org_id, ${iso(minute)}::timestamptz, 'fleet', r.org_id, null,
        sum(r.nodes), sum(r.samples), ${fromRollup}
      from telemetry_rollups_1m r
      where r.scope = 'site' and r.bucket = ${iso(minute)}::timestamptz
      group by r.org_id`,
  );
}
