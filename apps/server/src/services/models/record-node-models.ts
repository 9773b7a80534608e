import { schema } from "@edgeplane/db";
import { and, eq, gt, lte, ne, notInArray, sql } from "drizzle-orm";
import type { Db, Tx } from "../context.ts";
import { evictFleet } from "../gateway/fleet.ts";

/** A row named "" (never a model name) holds when the node last reported: late reports lose. */
export const reportMarker = "";

/**
 * What a node's upstream serves (its /v1/models, via telemetry) as of `at`: listed names are
 * stamped, others dropped; a report older than the last changes nothing (out-of-order batches
 * cannot resurrect a model). For telemetry ingest to call; works inside its transaction too.
 */
export async function recordNodeModels(
  db: Db | Tx,
  nodeId: string,
  models: readonly string[],
  at: Date,
): Promise<void> {
  const nm = schema.nodeModels;
  const [newer] = await db
    .select({ at: nm.lastSeenAt })
    .from(nm)
    .where(and(eq(nm.nodeId, nodeId), eq(nm.upstreamName, reportMarker), gt(nm.lastSeenAt, at)))
    .limit(1);
  if (newer) return;
  const names = [...new Set(models.map((m) => m.trim()).filter((m) => m.length > 0))];
  await db
    .insert(nm)
    .values(
      [reportMarker, ...names].map((upstreamName) => ({ nodeId, upstreamName, lastSeenAt: at })),
    )
    .onConflictDoUpdate({
      target: [nm.nodeId, nm.upstreamName],
      set: { lastSeenAt: sql`greatest(${nm.lastSeenAt}, excluded.last_seen_at)` },
    });
  await db
    .delete(nm)
    .where(
      and(
        eq(nm.nodeId, nodeId),
        ne(nm.upstreamName, reportMarker),
        lte(nm.lastSeenAt, at),
        names.length > 0 ? notInArray(nm.upstreamName, names) : undefined,
      ),
    );
  evictFleet(db);
}
