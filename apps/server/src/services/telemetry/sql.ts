import { sql } from "drizzle-orm";
import type { Db, Tx } from "../context.ts";

/** Rows of a raw statement: postgres-js answers an array, PGlite `{ rows }`. */
export async function rowsOf<T>(db: Db | Tx, query: ReturnType<typeof sql>): Promise<T[]> {
  const res = (await db.execute(query)) as unknown;
  if (Array.isArray(res)) return res as T[];
  return ((res as { rows?: T[] }).rows ?? []) as T[];
}

/** Job locks: one holder per pass across replicas; released when the transaction ends. */
export const jobLocks = { health: 0x45_50_01, rollup: 0x45_50_02 } as const;

export async function tryJobLock(tx: Tx, key: number): Promise<boolean> {
  const [row] = await rowsOf<{ ok: boolean }>(
    tx,
    sql`select pg_try_advisory_xact_lock(${key}) as ok`,
  );
  return row?.ok === true;
}

export async function readMark(db: Db | Tx, name: string): Promise<number | null> {
  const [row] = await rowsOf<{ at: string | Date }>(
    db,
    sql`select at from job_marks where name = ${name}`,
  );
  return row ? new Date(row.at).getTime() : null;
}

export async function writeMark(tx: Tx, name: string, at: number): Promise<void> {
  const d = new Date(at).toISOString();
  await tx.execute(
    sql`insert into job_marks (name, at) values (${name}, ${d}::timestamptz)
        on conflict (name) do update set at = excluded.at, updated_at = now()`,
  );
}

/** Whether any node in scope reports simulated telemetry (labelled wherever it is shown). */
export async function anySimulated(
  db: Db | Tx,
  scope: { orgId: string; siteId?: string; nodeId?: string },
): Promise<boolean> {
  const [row] = await rowsOf<{ s: boolean }>(
    db,
    sql`select coalesce(bool_or(t.simulated), false) as s
        from node_telemetry t join nodes n on n.id = t.node_id
        where t.org_id = ${scope.orgId}
          ${scope.siteId ? sql`and n.site_id = ${scope.siteId}` : sql``}
          ${scope.nodeId ? sql`and t.node_id = ${scope.nodeId}` : sql``}`,
  );
  return row?.s === true;
}
