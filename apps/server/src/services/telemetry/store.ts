import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../context.ts";
import { rowsOf } from "./sql.ts";
import type { PreparedBatch } from "./writer.ts";

/*
 * One group commit is one statement: data-modifying CTEs run exactly once and commit together,
 * and on PGlite each statement (and BEGIN/COMMIT) costs ~0.2 ms of planning and protocol before
 * its rows. Rows travel as one JSON parameter per CTE (jsonb_to_recordset): about three times
 * cheaper per row than one bind parameter per value.
 */

const metricCols =
  "gpu_util real, gpu_mem_used real, gpu_temp real, power real, tokens_per_second real, queue_depth real, heartbeat_lag real";
const metricNames =
  "gpu_util, gpu_mem_used, gpu_temp, power, tokens_per_second, queue_depth, heartbeat_lag";

function samplesCte(batches: PreparedBatch[]): SQL {
  const rows = batches.flatMap((b) =>
    b.rows.map((r) => ({
      node_id: r.nodeId,
      seq: r.seq,
      at: r.at.toISOString(),
      gpu_util: r.gpuUtil,
      gpu_mem_used: r.gpuMemUsed,
      gpu_temp: r.gpuTemp,
      power: r.power,
      tokens_per_second: r.tokensPerSecond,
      queue_depth: r.queueDepth,
      heartbeat_lag: r.heartbeatLag,
    })),
  );
  return sql`insert into telemetry_samples (node_id, seq, at, ${sql.raw(metricNames)})
    select node_id, seq, at, ${sql.raw(metricNames)}
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as x(node_id text, seq bigint, at timestamptz, ${sql.raw(metricCols)})
    on conflict do nothing
    returning node_id, seq`;
}

const sampleCols = [
  "sample_at",
  "no_gpu",
  "gpu_count",
  "gpu_util",
  "gpu_mem_used",
  "gpu_temp",
  "power",
  "tokens_per_second",
  "queue_depth",
  "heartbeat_lag",
  "hottest_gpu",
  "ecc_uncorrected",
  "ecc_gpu",
  "xids",
  "upstream_healthy",
  "error_rate_pct",
  "models",
  "gpus",
];
const latestCols = `node_id text, org_id text, last_seq bigint, sample_at timestamptz,
  received_at timestamptz, interval_seconds int, agent_version text, hostname text,
  simulated boolean, no_gpu boolean, gpu_count smallint, ${metricCols}, hottest_gpu smallint,
  ecc_uncorrected bigint, ecc_gpu smallint, xids jsonb, upstream_healthy boolean,
  error_rate_pct real, models jsonb, gpus jsonb`;
const latestNames = latestCols.replace(/\s+[a-z]+(?=,|$)/g, "").replace(/\s+/g, " ");
// Sample columns move only forward in seq; the heartbeat (received_at) moves on any batch.
const latestSet = [
  "last_seq = greatest(node_telemetry.last_seq, excluded.last_seq)",
  "received_at = greatest(node_telemetry.received_at, excluded.received_at)",
  ...["interval_seconds", "agent_version", "hostname", "simulated"].map(
    (c) => `${c} = excluded.${c}`,
  ),
  ...sampleCols.map(
    (c) =>
      `${c} = case when excluded.last_seq > node_telemetry.last_seq then excluded.${c} else node_telemetry.${c} end`,
  ),
].join(", ");

/** The newest sample of each node in the group: node_telemetry moves forward only. */
function latestCte(batches: PreparedBatch[]): SQL {
  const byNode = new Map<string, PreparedBatch>();
  const heardAt = new Map<string, number>();
  for (const b of batches) {
    const seen = byNode.get(b.nodeId);
    if (!seen || b.newest.seq > seen.newest.seq) byNode.set(b.nodeId, b);
    heardAt.set(b.nodeId, Math.max(heardAt.get(b.nodeId) ?? 0, b.receivedAt));
  }
  const rows = [...byNode.values()].map((b) => {
    const { health: h, metrics: m } = b.newest;
    return {
      node_id: b.nodeId,
      org_id: b.orgId,
      last_seq: b.newest.seq,
      sample_at: b.newest.at.toISOString(),
      received_at: new Date(heardAt.get(b.nodeId) ?? b.receivedAt).toISOString(),
      interval_seconds: b.agent.intervalSeconds,
      agent_version: b.agent.version,
      hostname: b.agent.hostname,
      simulated: b.agent.simulated,
      no_gpu: b.newest.noGpu,
      gpu_count: b.newest.gpuCount,
      gpu_util: m.gpuUtil,
      gpu_mem_used: m.gpuMemUsed,
      gpu_temp: m.gpuTemp,
      power: m.power,
      tokens_per_second: m.tokensPerSecond,
      queue_depth: m.queueDepth,
      heartbeat_lag: m.heartbeatLag,
      hottest_gpu: h.hottestGpu,
      ecc_uncorrected: h.eccUncorrected,
      ecc_gpu: h.eccGpu,
      xids: h.xids,
      upstream_healthy: h.upstreamHealthy,
      error_rate_pct: h.errorRatePct,
      models: h.models,
      gpus: h.gpus,
    };
  });
  return sql`insert into node_telemetry (${sql.raw(latestNames)})
    select ${sql.raw(latestNames)}
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(${sql.raw(latestCols)})
    on conflict (node_id) do update set ${sql.raw(latestSet)}
    returning node_id, last_seq`;
}

/**
 * Refreshes `nodes.last_seen_at` and moves a node's first sample from pending to online (with
 * its health row). The writer asks this only for nodes it has not marked within a minute.
 */
function markSeenCtes(nodeIds: string[], now: Date): SQL {
  const at = now.toISOString();
  return sql`seen_old as (
      select id, status, org_id from nodes
      where id in (select jsonb_array_elements_text(${JSON.stringify(nodeIds)}::jsonb))
    ), seen_marked as (
      update nodes n set last_seen_at = ${at}::timestamptz,
        status = case when seen_old.status = 'pending' then 'online' else n.status end
      from seen_old where n.id = seen_old.id
      returning n.id, seen_old.status as was, seen_old.org_id
    ), seen_health as (
      insert into node_health (node_id, org_id, status, since, reasons)
      select id, org_id, 'online', ${at}::timestamptz, '[]'::jsonb from seen_marked where was = 'pending'
      on conflict (node_id) do update
        set status = 'online', since = excluded.since, reasons = '[]'::jsonb, updated_at = excluded.since
    )`;
}

/** Minutes already rolled up that got a sample: the rollup job recomputes them. */
function lateCte(batches: PreparedBatch[]): SQL | null {
  const late = batches.flatMap((b) =>
    b.lateMinutes.map((m) => ({ node_id: b.nodeId, minute: new Date(m).toISOString() })),
  );
  if (late.length === 0) return null;
  return sql`late as (
    insert into telemetry_late (node_id, minute)
    select node_id, minute from jsonb_to_recordset(${JSON.stringify(late)}::jsonb)
      as x(node_id text, minute timestamptz)
    on conflict do nothing
  )`;
}

export interface GroupWritten {
  /** `node:seq` of the samples this write stored (the others were held already). */
  stored: Set<string>;
  /** Each node's highest stored seq. */
  lastSeqs: Map<string, number>;
}

/** Writes a group in one statement (atomic on its own): samples, latest state, seen, late. */
export async function writeGroup(
  db: Db,
  batches: PreparedBatch[],
  toMark: string[],
  now: Date,
): Promise<GroupWritten> {
  const ctes = [sql`samples as (${samplesCte(batches)})`, sql`latest as (${latestCte(batches)})`];
  if (toMark.length > 0) ctes.push(markSeenCtes(toMark, now));
  const late = lateCte(batches);
  if (late) ctes.push(late);
  const rows = await rowsOf<{ k: number; node_id: string; seq: number | string }>(
    db,
    sql`with ${sql.join(ctes, sql`, `)}
        select 0 as k, node_id, seq from samples
        union all select 1, node_id, last_seq from latest`,
  );
  const out: GroupWritten = { stored: new Set(), lastSeqs: new Map() };
  for (const r of rows) {
    if (r.k === 0) out.stored.add(`${r.node_id}:${r.seq}`);
    else out.lastSeqs.set(r.node_id, Number(r.seq));
  }
  return out;
}

/** The tables a group write rewrites row by row (see the writer's VACUUM on PGlite). */
export const vacuumedTables = ["node_telemetry", "nodes"] as const;
export type VacuumedTable = (typeof vacuumedTables)[number];

export async function vacuum(db: Db, table: VacuumedTable): Promise<void> {
  await db.execute(sql.raw(`vacuum ${table}`));
}
