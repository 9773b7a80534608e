import type { UsageExportQuery } from "@edgeplane/contracts";
import type { Db } from "../context.ts";
import { usageFilter, usageRows } from "./list.ts";

export const maxExportRows = 100_000;

const columns = [
  "day",
  "customer_id",
  "customer_name",
  "key_id",
  "key_start",
  "model",
  "requests",
  "errors",
  "incomplete",
  "input_tokens",
  "output_tokens",
  "total_tokens",
  "cost_usd",
] as const;

/** RFC 4180 quoting; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The usage list as CSV (every page, at most 100,000 rows), newest day first. */
export async function exportUsageCsv(db: Db, orgId: string, q: UsageExportQuery): Promise<string> {
  const rows = await usageRows(db, usageFilter(orgId, q)).limit(maxExportRows);
  const lines = [columns.join(",")];
  for (const r of rows) {
    lines.push(
      [
        r.day,
        r.customerId,
        r.customerName,
        r.keyId,
        r.keyStart,
        r.model,
        r.requests,
        r.errors,
        r.incomplete,
        r.inputTokens,
        r.outputTokens,
        r.inputTokens + r.outputTokens,
        r.costUsd,
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
