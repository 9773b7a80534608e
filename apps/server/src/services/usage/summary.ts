import type { UsageExportQuery } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { type AnyColumn, sql } from "drizzle-orm";
import type { Db } from "../context.ts";
import { usageFilter } from "./list.ts";
import { usageRange } from "./range.ts";

export interface UsageSummary {
  from: string;
  to: string;
  requests: number;
  errors: number;
  incomplete: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** Totals over the same filters as the list (the page header's figures). */
export async function usageSummary(
  db: Db,
  orgId: string,
  q: UsageExportQuery,
): Promise<UsageSummary> {
  const u = schema.usageDaily;
  const sum = (c: AnyColumn) => sql<string | null>`sum(${c})`;
  const [row] = await db
    .select({
      requests: sum(u.requests),
      errors: sum(u.errors),
      incomplete: sum(u.incomplete),
      inputTokens: sum(u.inputTokens),
      outputTokens: sum(u.outputTokens),
      costUsd: sum(u.costUsd),
    })
    .from(u)
    .where(usageFilter(orgId, q));
  const n = (v: string | null | undefined) => Number(v ?? 0);
  return {
    ...usageRange(q),
    requests: n(row?.requests),
    errors: n(row?.errors),
    incomplete: n(row?.incomplete),
    inputTokens: n(row?.inputTokens),
    outputTokens: n(row?.outputTokens),
    costUsd: n(row?.costUsd),
  };
}
