import { schema } from "@edgeplane/db";
import { sql } from "drizzle-orm";
import type { Tx } from "../context.ts";
import type { Component } from "./derive.ts";

const columnOf = {
  major_outage: "majorSeconds",
  partial_outage: "partialSeconds",
  degraded_performance: "degradedSeconds",
  under_maintenance: "maintenanceSeconds",
} as const;

/**
 * Adds `seconds` of observation to today's uptime rows: one `org` row (observed) per org, and
 * a row per component that was not operational. Only the evaluator holding the job lock
 * calls this, once per pass, for the time since the previous pass: replicas never double-count.
 */
export async function recordStatus(
  tx: Tx,
  byOrg: ReadonlyMap<string, readonly Component[]>,
  seconds: number,
  now: Date,
): Promise<void> {
  if (seconds <= 0) return;
  const day = now.toISOString().slice(0, 10);
  type Row = typeof schema.statusDaily.$inferInsert;
  const rows: Row[] = [];
  for (const [orgId, list] of byOrg) {
    rows.push({ orgId, kind: "org", componentId: orgId, day, observedSeconds: seconds });
    for (const c of list) {
      if (c.state === "operational") continue;
      rows.push({ orgId, kind: c.kind, componentId: c.id, day, [columnOf[c.state]]: seconds });
    }
  }
  const d = schema.statusDaily;
  for (let i = 0; i < rows.length; i += 500) {
    await tx
      .insert(d)
      .values(rows.slice(i, i + 500))
      .onConflictDoUpdate({
        target: [d.orgId, d.kind, d.componentId, d.day],
        set: {
          observedSeconds: sql`${d.observedSeconds} + excluded.observed_seconds`,
          majorSeconds: sql`${d.majorSeconds} + excluded.major_seconds`,
          partialSeconds: sql`${d.partialSeconds} + excluded.partial_seconds`,
          degradedSeconds: sql`${d.degradedSeconds} + excluded.degraded_seconds`,
          maintenanceSeconds: sql`${d.maintenanceSeconds} + excluded.maintenance_seconds`,
        },
      });
  }
}

/** OpenStatus weighting: major counts fully as down, partial half, degraded not at all. */
export function uptimeOf(r: {
  observedSeconds: number;
  majorSeconds: number;
  partialSeconds: number;
}): number | null {
  if (r.observedSeconds <= 0) return null;
  const down = r.majorSeconds + 0.5 * r.partialSeconds;
  return Math.max(0, Math.min(1, 1 - down / r.observedSeconds));
}
