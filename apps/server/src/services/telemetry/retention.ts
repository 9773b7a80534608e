import { sql } from "drizzle-orm";
import type { Db } from "../context.ts";
import { readMark, rowsOf } from "./sql.ts";

export interface RetentionOptions {
  rawMs: number;
  fiveMinuteMs: number;
  hourMs: number;
  /** Embedded PGlite runs no autovacuum: deleted rows are only reclaimed by an explicit VACUUM. */
  vacuum: boolean;
}

export type RetentionResult = Record<string, number>;

const chunk = 20_000;
const statusDays = 100;

/**
 * Deletes what is older than each tier keeps, in chunks (the embedded database serves
 * requests between them). Never deletes raw samples or 5-minute rows that a coarser tier has
 * not yet been computed from: retention waits for a stopped rollup job instead of losing data.
 */
export async function enforceRetention(
  db: Db,
  opts: RetentionOptions,
  now: number,
): Promise<RetentionResult> {
  const mark = async (name: string) => (await readMark(db, name)) ?? Number.NEGATIVE_INFINITY;
  const [m1, m5, m1h] = [await mark("rollup.1m"), await mark("rollup.5m"), await mark("rollup.1h")];
  const rawCutoff = Math.min(now - opts.rawMs, m1, m5);
  const plan: [string, string, number][] = [
    ["telemetry_samples", "at", rawCutoff],
    ["telemetry_rollups_1m", "bucket", now - opts.rawMs],
    ["telemetry_rollups_5m", "bucket", Math.min(now - opts.fiveMinuteMs, m1h)],
    ["telemetry_rollups_1h", "bucket", now - opts.hourMs],
    ["telemetry_late", "minute", now - opts.rawMs],
  ];
  const result: RetentionResult = {};
  for (const [table, column, cutoff] of plan) {
    result[table] = Number.isFinite(cutoff)
      ? await deleteBefore(db, table, column, new Date(cutoff))
      : 0;
  }
  const day = new Date(now - statusDays * 86_400_000).toISOString().slice(0, 10);
  const old = await rowsOf<{ n: number }>(
    db,
    sql`with d as (delete from status_daily where day < ${day}::date returning 1) select count(*)::int as n from d`,
  );
  result.status_daily = old[0]?.n ?? 0;
  if (opts.vacuum) {
    for (const [table] of plan) await db.execute(sql.raw(`vacuum ${table}`));
  }
  return result;
}

async function deleteBefore(db: Db, table: string, column: string, cutoff: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const [row] = await rowsOf<{ n: number }>(
      db,
      sql`with d as (
            delete from ${sql.raw(table)} where ctid in (
              select ctid from ${sql.raw(table)} where ${sql.raw(column)} < ${cutoff.toISOString()}::timestamptz limit ${chunk}
            ) returning 1
          ) select count(*)::int as n from d`,
    );
    const n = row?.n ?? 0;
    total += n;
    if (n < chunk) return total;
  }
}
