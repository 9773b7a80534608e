import { metricInfo, type Series, type SeriesQuery, type SeriesRange } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, eq, sql } from "drizzle-orm";
import { NotFoundError } from "../../errors.ts";
import type { Db } from "../context.ts";
import { metricColumns } from "./metrics.ts";
import { anySimulated, rowsOf } from "./sql.ts";

interface Plan {
  source: Series["source"];
  stepMs: number;
  rangeMs: number;
}

const hour = 3_600_000;

/**
 * Which table serves a chart, so that it gets at most ~360 points and reads about one stored
 * row per point: 1 h from raw samples (nodes, 10 s) or the 1-minute tier (sites, fleets),
 * 24 h from 5-minute rows, 7 d from 1-hour rows, 30 d from 1-hour rows in 3-hour points.
 */
export function planSeries(scope: SeriesQuery["scope"], range: SeriesRange): Plan {
  switch (range) {
    case "1h":
      return scope === "node"
        ? { source: "raw", stepMs: 10_000, rangeMs: hour }
        : { source: "1m", stepMs: 60_000, rangeMs: hour };
    case "24h":
      return { source: "5m", stepMs: 300_000, rangeMs: 24 * hour };
    case "7d":
      return { source: "1h", stepMs: hour, rangeMs: 7 * 24 * hour };
    case "30d":
      return { source: "1h", stepMs: 3 * hour, rangeMs: 30 * 24 * hour };
  }
}

const tables = {
  "1m": "telemetry_rollups_1m",
  "5m": "telemetry_rollups_5m",
  "1h": "telemetry_rollups_1h",
};

/** A chart's points, min/avg/max per metric; buckets without data are there with nulls. */
export async function getSeries(
  db: Db,
  orgId: string,
  q: SeriesQuery,
  now: number,
): Promise<Series> {
  const scopeId = await resolveScope(db, orgId, q);
  const plan = planSeries(q.scope, q.range);
  const to = Math.floor(now / plan.stepMs) * plan.stepMs + plan.stepMs;
  const from = to - plan.rangeMs;
  const step = sql.raw(`'${plan.stepMs / 1000} seconds'::interval`);
  const cols = q.metrics.map((m) => metricColumns[m].column);
  let select: string;
  let source: ReturnType<typeof sql>;
  if (plan.source === "raw") {
    select = cols
      .map(
        (c) =>
          `min(${c})::float8 as ${c}_min, max(${c})::float8 as ${c}_max, sum(${c})::float8 as ${c}_sum, count(${c})::int as ${c}_n`,
      )
      .join(", ");
    source = sql`select extract(epoch from date_bin(${step}, at, 'epoch'::timestamptz)) * 1000 as t,
        count(*)::int as samples, ${sql.raw(select)}
      from telemetry_samples where node_id = ${scopeId}
        and at >= ${new Date(from).toISOString()}::timestamptz and at < ${new Date(to).toISOString()}::timestamptz
      group by 1 order by 1`;
  } else {
    select = cols
      .map(
        (c) =>
          `min(${c}_min)::float8 as ${c}_min, max(${c}_max)::float8 as ${c}_max, sum(${c}_sum)::float8 as ${c}_sum, sum(${c}_n)::int as ${c}_n`,
      )
      .join(", ");
    source = sql`select extract(epoch from date_bin(${step}, bucket, 'epoch'::timestamptz)) * 1000 as t,
        sum(samples)::int as samples, ${sql.raw(select)}
      from ${sql.raw(tables[plan.source])} where scope_id = ${scopeId}
        and bucket >= ${new Date(from).toISOString()}::timestamptz and bucket < ${new Date(to).toISOString()}::timestamptz
      group by 1 order by 1`;
  }
  const rows = await rowsOf<Record<string, number | string | null>>(db, source);
  const byT = new Map(rows.map((r) => [Math.round(Number(r.t)), r]));
  const num = (v: number | string | null | undefined) =>
    v === null || v === undefined ? null : Number(v);
  return {
    scope: q.scope,
    id: scopeId,
    range: q.range,
    source: plan.source,
    stepSeconds: plan.stepMs / 1000,
    simulated: await anySimulated(db, {
      orgId,
      siteId: q.scope === "site" ? scopeId : undefined,
      nodeId: q.scope === "node" ? scopeId : undefined,
    }),
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    series: q.metrics.map((metric) => {
      const c = metricColumns[metric].column;
      const points = [];
      for (let t = from; t < to; t += plan.stepMs) {
        const r = byT.get(t);
        const n = num(r?.[`${c}_n`]) ?? 0;
        const sum = num(r?.[`${c}_sum`]);
        points.push({
          t: new Date(t).toISOString(),
          min: n > 0 ? num(r?.[`${c}_min`]) : null,
          avg: n > 0 && sum !== null ? sum / n : null,
          max: n > 0 ? num(r?.[`${c}_max`]) : null,
          samples: num(r?.samples) ?? 0,
        });
      }
      return { metric, unit: metricInfo[metric].unit, points };
    }),
  };
}

async function resolveScope(db: Db, orgId: string, q: SeriesQuery): Promise<string> {
  if (q.scope === "fleet") return orgId;
  const id = q.id ?? "";
  const table = q.scope === "site" ? schema.sites : schema.nodes;
  const [row] = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.orgId, orgId), eq(table.id, id)))
    .limit(1);
  if (!row) throw new NotFoundError(q.scope === "site" ? "Site" : "Node");
  return row.id;
}
