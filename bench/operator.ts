/**
 * The operator's reads at fleet scale on PGlite: 10,000 nodes on 100 sites with health,
 * incidents, 7 days of 1-hour rollups and 24 hours of 5-minute rollups (generated in SQL), read
 * through the in-process app (auth + membership + query + JSON). Target: p95 < 100 ms for the
 * operator summary and a 7-day chart. Also: one health pass over the fleet, and rollup bytes.
 * Usage: npm run bench:operator [-- runs]
 */
import { cpus, loadavg, totalmem } from "node:os";
import { performance } from "node:perf_hooks";
import { newId } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { sql } from "drizzle-orm";
import { runHealthPass } from "../apps/server/src/services/health/evaluate.ts";
import { createHarness } from "../apps/server/src/testing/harness.ts";
import { percentile } from "./support/stats.ts";

const runs = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 300);
const nodeCount = 10_000;
const targetMs = 100;
const hour = 3_600_000;

console.log(
  `machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
const h = await createHarness({ LOG_LEVEL: "silent" });
const db = h.deps.database.db;
const exec = (q: ReturnType<typeof sql>) => db.execute(q);
const owner = await h.user();
const created = await h.request("/api/orgs", {
  method: "POST",
  as: owner,
  body: { name: "Bench fleet", useCase: "production_fleet" },
});
const { id: orgId } = (await created.json()) as { id: string };
const t0 = performance.now();
const countries = ["KE", "NG", "DE", "US", "BR", "IN", "AE", "GB"];
const siteIds = Array.from({ length: 100 }, () => newId("site"));
await db.insert(schema.sites).values(
  siteIds.map((id, i) => ({
    id,
    orgId,
    name: `Site ${String(i).padStart(3, "0")}`,
    city: "City",
    country: countries[i % 8] ?? "KE",
    region:
      (
        [
          "africa",
          "africa",
          "eu",
          "north-america",
          "latin-america",
          "asia-pacific",
          "middle-east",
          "europe",
        ] as const
      )[i % 8] ?? "africa",
    powerCapacityKw: 5000,
    siteType: "telecom_room" as const,
    connectivityTier: "tier_3" as const,
  })),
);
const statusOf = (n: number) =>
  n % 100 < 92
    ? "online"
    : n % 100 < 96
      ? "degraded"
      : n % 100 < 98
        ? "offline"
        : n % 100 < 99
          ? "maintenance"
          : "pending";
for (let i = 0; i < nodeCount; i += 1000) {
  await db.insert(schema.nodes).values(
    Array.from({ length: 1000 }, (_, j) => {
      const n = i + j;
      return {
        id: newId("node"),
        orgId,
        siteId: siteIds[n % 100] ?? "",
        name: `node-${String(n).padStart(5, "0")}`,
        externalId: `SN-${n}`,
        acceleratorType: "nvidia-h100-sxm",
        gpuCount: 8,
        powerDrawW: 7840,
        status: statusOf(n) as "online",
      };
    }),
  );
}
const now = Date.now();
await exec(sql`
  insert into node_telemetry (node_id, org_id, last_seq, sample_at, received_at, interval_seconds,
    agent_version, hostname, simulated, no_gpu, gpu_count, gpu_util, gpu_mem_used, gpu_temp, power,
    tokens_per_second, queue_depth, heartbeat_lag, hottest_gpu, ecc_uncorrected, xids,
    upstream_healthy, error_rate_pct, models, gpus)
  select id, org_id, 1000, ${new Date(now)}::timestamptz, ${new Date(now)}::timestamptz, 10, 'bench', name,
    false, false, 8, 60, 500000, case when status = 'degraded' then 88 else 65 end, 5000, 1800, 2, 40,
    0, 0, '{}'::jsonb, true, 0.1, '["llama-3.1-70b-instruct"]'::jsonb,
    '[{"index":0,"name":"NVIDIA H100","utilizationPct":60,"memoryUsedMiB":60000,"memoryTotalMiB":81559,"temperatureC":65,"powerW":600,"eccUncorrected":0,"lastXid":null}]'::jsonb
  from nodes where org_id = ${orgId} and status <> 'pending'`);
await exec(sql`
  insert into node_health (node_id, org_id, status, since, reasons)
  select id, org_id, status, ${new Date(now - 3 * hour)}::timestamptz - (random() * interval '2 hours'),
    case status
      when 'degraded' then '[{"code":"gpu_temperature","severity":"major","message":"GPU 3 at 88 °C","since":"2026-11-25T10:00:00.000Z","clearingSince":null}]'::jsonb
      when 'offline' then '[{"code":"offline","severity":"critical","message":"No telemetry","since":"2026-11-25T10:00:00.000Z","clearingSince":null}]'::jsonb
      else '[]'::jsonb end
  from nodes where org_id = ${orgId} and status <> 'pending'`);
await exec(sql`
  insert into incidents (id, org_id, dedupe_key, cause, severity, status, title, node_id, site_id, subject, opened_at, resolved_at)
  select 'inc_' || substr(md5(id || g::text), 1, 22), org_id, id || ':' || g::text,
    case when status = 'offline' then 'connectivity' else 'gpu_temperature' end,
    case when status = 'offline' then 'critical' else 'major' end,
    case when g = 0 then 'investigating' else 'resolved' end, name || ': trouble', id, site_id, name,
    ${new Date(now - 24 * hour)}::timestamptz, case when g = 0 then null else ${new Date(now - hour)}::timestamptz end
  from nodes cross join generate_series(0, 3) g where org_id = ${orgId} and status in ('degraded', 'offline')`);

/** Seven metrics' min, max, sum and count for a row standing for `n` samples. */
const stats = (n: string) =>
  Array.from(
    { length: 7 },
    () => `40 + random() * 10, 60 + random() * 10, (50 + random() * 10) * ${n}, ${n}`,
  ).join(", ");
const cols = [
  "gpu_util",
  "gpu_mem_used",
  "gpu_temp",
  "power",
  "tokens_per_second",
  "queue_depth",
  "heartbeat_lag",
]
  .flatMap((m) => [`${m}_min`, `${m}_max`, `${m}_sum`, `${m}_n`])
  .join(", ");
async function rollups(table: string, step: string, from: number, to: number, perBucket: number) {
  const range = sql`generate_series(${new Date(from)}::timestamptz, ${new Date(to)}::timestamptz, ${step}::interval)`;
  await exec(sql`insert into ${sql.raw(table)} (scope_id, bucket, scope, org_id, site_id, nodes, samples, ${sql.raw(cols)})
    select n.id, b, 'node', n.org_id, n.site_id, 1, ${perBucket}, ${sql.raw(stats(String(perBucket)))}
    from nodes n cross join ${range} b where n.org_id = ${orgId} and n.status <> 'pending'`);
  await exec(sql`insert into ${sql.raw(table)} (scope_id, bucket, scope, org_id, site_id, nodes, samples, ${sql.raw(cols)})
    select s.id, b, 'site', s.org_id, s.id, 99, ${perBucket * 99}, ${sql.raw(stats(String(perBucket * 99)))}
    from sites s cross join ${range} b where s.org_id = ${orgId}`);
  await exec(sql`insert into ${sql.raw(table)} (scope_id, bucket, scope, org_id, site_id, nodes, samples, ${sql.raw(cols)})
    select ${orgId}, b, 'fleet', ${orgId}, null, 9900, ${perBucket * 9900}, ${sql.raw(stats(String(perBucket * 9900)))}
    from ${range} b`);
}
const hourNow = Math.floor(now / hour) * hour;
await rollups("telemetry_rollups_1h", "1 hour", hourNow - 7 * 24 * hour, hourNow, 360);
await rollups("telemetry_rollups_5m", "5 minutes", hourNow - 24 * hour, hourNow, 30);
await exec(sql`insert into status_daily (org_id, kind, component_id, day, observed_seconds, partial_seconds)
  select ${orgId}, 'org', ${orgId}, d::date, 86400, 0 from generate_series(current_date - 89, current_date, '1 day') d
  union all
  select ${orgId}, 'site', s.id, d::date, 0, 600 from sites s cross join generate_series(current_date - 89, current_date, '1 day') d where s.org_id = ${orgId}`);
await exec(sql`analyze`);
console.log(
  `generated 10,000 nodes, health, incidents, 7 d of 1-h and 24 h of 5-min rollups in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
);

async function measure(label: string, path: string, target?: number): Promise<boolean> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs + 20; i++) {
    const t = performance.now();
    const res = await h.request(`/api/orgs/${orgId}${path}`, { as: owner });
    const body = await res.arrayBuffer();
    if (i >= 20) times.push(performance.now() - t);
    bytes = body.byteLength;
    if (res.status !== 200)
      throw new Error(
        `${path} answered ${res.status}: ${new TextDecoder().decode(body).slice(0, 300)}`,
      );
  }
  const ok = target === undefined || percentile(times, 95) < target;
  console.log(
    `${label.padEnd(34)} p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms  p95 ${percentile(times, 95).toFixed(1).padStart(6)}  p99 ${percentile(times, 99).toFixed(1).padStart(6)}  ${(bytes / 1024).toFixed(0).padStart(5)} KiB${target ? (ok ? "  target met" : `  MISSES ${target} ms`) : ""}`,
  );
  return ok;
}

let ok = true;
ok = (await measure("operator summary", "/operator/summary", targetMs)) && ok;
ok =
  (await measure(
    "series fleet 7d (7 metrics)",
    "/telemetry/series?scope=fleet&range=7d",
    targetMs,
  )) && ok;
ok =
  (await measure(
    "series site 7d (7 metrics)",
    `/telemetry/series?scope=site&id=${siteIds[3]}&range=7d`,
    targetMs,
  )) && ok;
const [someNode] = (await db.select({ id: schema.nodes.id }).from(schema.nodes).limit(1)) as {
  id: string;
}[];
ok =
  (await measure(
    "series node 7d (7 metrics)",
    `/telemetry/series?scope=node&id=${someNode?.id}&range=7d`,
    targetMs,
  )) && ok;
await measure("series fleet 24h", "/telemetry/series?scope=fleet&range=24h");
await measure("series fleet 30d", "/telemetry/series?scope=fleet&range=30d");
await measure("status page", "/status");
await measure("open incidents, first page", "/incidents?limit=50");

const passes: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  await runHealthPass(
    db,
    { thresholds: h.deps.config.ops.health, maxGapMs: 30_000, watchGapMs: 60_000 },
    Date.now(),
  );
  passes.push(performance.now() - t);
}
console.log(
  `health pass over 10,000 nodes: ${passes.map((p) => p.toFixed(0)).join(", ")} ms (first pass writes what changed)`,
);

const sizes = (await exec(sql`select relname as t, pg_total_relation_size(oid)::float8 as b,
  (select reltuples from pg_class c2 where c2.oid = c.oid)::float8 as n
  from pg_class c where relname in ('telemetry_rollups_1h', 'telemetry_rollups_5m')`)) as unknown as {
  rows: { t: string; b: number; n: number }[];
};
for (const r of sizes.rows) {
  console.log(
    `${r.t}: ${(r.b / 2 ** 20).toFixed(0)} MiB for ${r.n} rows = ${(r.b / r.n).toFixed(0)} bytes per row (heap + 2 indexes)`,
  );
}
await h.close();
if (!ok) process.exitCode = 1;
