import { schema } from "@edgeplane/db";
import { getTableColumns, sql } from "drizzle-orm";
import type { Db } from "../context.ts";
import { rowsOf } from "../telemetry/sql.ts";

export type UsageEvent = typeof schema.usageEvents.$inferInsert & {
  requestId: string;
  startedAt: Date;
};

/** USD for a request from its token counts and the model's prices per 1M tokens. */
export function usageCost(
  inputTokens: number,
  outputTokens: number,
  prices: { inputPricePerMTok: number; outputPricePerMTok: number },
): number {
  const micro = inputTokens * prices.inputPricePerMTok + outputTokens * prices.outputPricePerMTok;
  return Math.round(micro * 1000) / 1e9;
}

export const utcDay = (at: Date) => at.toISOString().slice(0, 10);

/** nginx's 499: the customer went away; an incomplete request, not an error of ours. */
export const clientClosed = 499;

/** Refusals and failures count as errors; a customer hanging up does not. */
function isError(e: { status: number; errorCode?: string | null }): boolean {
  if (e.status >= 400) return e.status !== clientClosed;
  return e.errorCode != null && e.errorCode !== "client_closed";
}

interface DailyDelta {
  orgId: string;
  day: string;
  customerId: string;
  keyId: string;
  modelId: string;
  model: string;
  requests: number;
  errors: number;
  incomplete: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** [property, column name] of every usage_events column, in table order. */
const eventColumns = Object.entries(getTableColumns(schema.usageEvents)).map(
  ([prop, col]) => [prop, col.name] as const,
);
const eventColumnList = sql.raw(eventColumns.map(([, name]) => `"${name}"`).join(", "));

/**
 * The batch as one JSON parameter that Postgres turns into usage_events rows (typed by the table
 * itself): one bind parameter for the batch instead of one per value. Building the multi-row
 * VALUES statement and PGlite parsing it were most of the metering's cost.
 */
function insertEvents(events: readonly UsageEvent[]) {
  const rows = events.map((e) => {
    const row: Record<string, unknown> = {};
    for (const [prop, name] of eventColumns) row[name] = e[prop as keyof UsageEvent] ?? null;
    return row;
  });
  return sql`insert into usage_events (${eventColumnList})
    select ${eventColumnList}
    from json_populate_recordset(null::usage_events, ${JSON.stringify(rows)}::json)
    on conflict (request_id) do nothing
    returning request_id`;
}

/**
 * Writes a batch of usage events and adds them to usage_daily in ONE transaction. The claim
 * (`on conflict (request_id) do nothing`) and the write commit together, and only rows that
 * were really inserted are summed: a retried batch meters each request exactly once.
 */
export async function writeUsage(db: Db, events: readonly UsageEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  return db.transaction(async (tx) => {
    // Only the claimed ids come back: mapping whole rows was a quarter of the gateway's CPU.
    const inserted = await rowsOf<{ request_id: string }>(tx, insertEvents(events));
    const claimed = new Set(inserted.map((r) => r.request_id));
    const daily = new Map<string, DailyDelta>();
    for (const e of events) {
      if (!claimed.has(e.requestId)) continue;
      claimed.delete(e.requestId);
      const day = utcDay(e.startedAt);
      const id = `${e.keyId}|${e.modelId}|${day}`;
      let d = daily.get(id);
      if (!d) {
        d = {
          orgId: e.orgId,
          day,
          customerId: e.customerId,
          keyId: e.keyId,
          modelId: e.modelId,
          model: e.model,
          requests: 0,
          errors: 0,
          incomplete: 0,
          inputTokens: 0,
          outputTokens: 0,
          costUsd: 0,
        };
        daily.set(id, d);
      }
      d.requests++;
      if (isError(e)) d.errors++;
      if (!e.completed && (e.status < 400 || e.status === clientClosed)) d.incomplete++;
      d.inputTokens += e.inputTokens;
      d.outputTokens += e.outputTokens;
      d.costUsd += e.costUsd;
    }
    if (daily.size > 0) {
      const u = schema.usageDaily;
      await tx
        .insert(u)
        .values([...daily.values()])
        .onConflictDoUpdate({
          target: [u.keyId, u.modelId, u.day],
          set: {
            requests: sql`${u.requests} + excluded.requests`,
            errors: sql`${u.errors} + excluded.errors`,
            incomplete: sql`${u.incomplete} + excluded.incomplete`,
            inputTokens: sql`${u.inputTokens} + excluded.input_tokens`,
            outputTokens: sql`${u.outputTokens} + excluded.output_tokens`,
            costUsd: sql`${u.costUsd} + excluded.cost_usd`,
            updatedAt: sql`now()`,
          },
        });
    }
    return inserted.length;
  });
}
