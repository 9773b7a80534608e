import { schema } from "@edgeplane/db";
import { and, eq, gte, sql } from "drizzle-orm";
import type { Db } from "../context.ts";

/** The first day of `at`'s UTC month, as usage_daily stores days. */
export function monthStart(at: number): string {
  return `${new Date(at).toISOString().slice(0, 7)}-01`;
}

/** Tokens (input + output) a key has used since `fromDay`, from the daily rollup. */
export async function keyTokensSince(db: Db, keyId: string, fromDay: string): Promise<number> {
  const u = schema.usageDaily;
  const [row] = await db
    .select({ tokens: sql<string | null>`sum(${u.inputTokens} + ${u.outputTokens})` })
    .from(u)
    .where(and(eq(u.keyId, keyId), gte(u.day, fromDay)));
  return Number(row?.tokens ?? 0);
}
