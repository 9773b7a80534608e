import { sql } from "drizzle-orm";
import type { Tx } from "../context.ts";
import { rowsOf } from "./sql.ts";
import type { PreparedBatch } from "./writer.ts";

/*
 * The statements of one group commit. Rows travel as one JSON parameter each
 * (jsonb_to_recordset): on PGlite that is about three times cheaper per row than one bind
 * parameter per value, and the statement count stays fixed whatever the group's size.
 */

const metricCols =
  "gpu_util real, gpu_mem_used real, gpu_temp real, power real, tokens_per_second real, queue_depth real, heartbeat_lag real";
const metricNames =
  "gpu_util, gpu_mem_used, gpu_temp, power, tokens_per_second, queue_depth, heartbeat_lag";

export async function insertSamples(tx: Tx, batches: PreparedBatch[]): Promise<Set<string>> {
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
  const inserted = await rowsOf<{ node_id: string; seq: number | string }>(
    tx,
    sql`insert into telemetry_samples (node_id, seq, at, ${sql.raw(metricNames)})
        select node_id, seq, at, ${sql.raw(metricNames)}
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          as x(node_id text, seq bigint, at timestamptz, ${sql.raw(metricCols)})
        on conflict do nothing
        returning node_id, seq`,
  );
  return new Set(inserted.map((r) => `${r.node_id}:${r.seq}`));
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

/** The newest sample of each node in the group; returns each node's highest stored seq. */
export async function upsertLatest(tx: Tx, batches: PreparedBatch[]): Promise<Map<string, number>> {
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
  const out = await rowsOf<{ node_id: string; last_seq: number | string }>(
    tx,
    sql`insert into node_telemetry (${sql.raw(latestNames)})
        select ${sql.raw(latestNames)}
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(${sql.raw(latestCols)})
        on conflict (node_id) do update set ${sql.raw(latestSet)}
        returning node_id, last_seq`,
  );
  return new Map(out.map((r) => [r.node_id, Number(r.last_seq)]));
}

/**
 * Refreshes `nodes.last_seen_at` and moves a node's first sample from pending to online (with
 * its health row). The writer calls this only for nodes it has not marked within a minute.
 */
export async function markSeen(tx: Tx, nodeIds: string[], now: Date): Promise<void> {
  if (nodeIds.length === 0) return;
  await tx.execute(sql`
    with old as (
      select id, status, org_id from nodes
      where id in (select jsonb_array_elements_text(${JSON.stringify(nodeIds)}::jsonb))
    ), marked as (
      update nodes n set last_seen_at = ${now.toISOString()}::timestamptz,
        status = case when old.status = 'pending' then 'online' else n.status end
      from old where n.id = old.id
      returning n.id, old.status as was, old.org_id
    )
    insert into node_health (node_id, org_id, status, since, reasons)
    select id, org_id, 'online', ${now.toISOString()}::timestamptz, '[]'::jsonb from marked where was = 'pending'
    on conflict (node_id) do update
      set status = 'online', since = excluded.since, reasons = '[]'::jsonb, updated_at = excluded.since`);
}
