import type { UsageExportQuery, UsageQuery } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, asc, count, desc, eq, gte, lte, type SQL, sql } from "drizzle-orm";
import { ValidationError } from "../../errors.ts";
import type { Db } from "../context.ts";
import type { Page } from "../sites/paging.ts";
import { usageRange } from "./range.ts";

export interface UsageRow {
  day: string;
  customerId: string;
  customerName: string | null;
  keyId: string;
  keyStart: string | null;
  keyName: string | null;
  modelId: string;
  model: string;
  requests: number;
  errors: number;
  incomplete: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  costUsd: number;
}

const u = schema.usageDaily;

export function usageFilter(orgId: string, q: UsageExportQuery): SQL | undefined {
  const { from, to } = usageRange(q);
  return and(
    eq(u.orgId, orgId),
    gte(u.day, from),
    lte(u.day, to),
    q.customerId ? eq(u.customerId, q.customerId) : undefined,
    q.keyId ? eq(u.keyId, q.keyId) : undefined,
    q.model ? eq(u.model, q.model) : undefined,
  );
}

/** Daily rows with their customer's name and key's start (null once those are deleted). */
export function usageRows(db: Db, where: SQL | undefined) {
  const c = schema.customers;
  const k = schema.customerKeys;
  return db
    .select({
      day: u.day,
      customerId: u.customerId,
      customerName: c.name,
      keyId: u.keyId,
      keyStart: k.start,
      keyName: k.name,
      modelId: u.modelId,
      model: u.model,
      requests: u.requests,
      errors: u.errors,
      incomplete: u.incomplete,
      inputTokens: u.inputTokens,
      outputTokens: u.outputTokens,
      costUsd: u.costUsd,
    })
    .from(u)
    .leftJoin(c, eq(c.id, u.customerId))
    .leftJoin(k, eq(k.id, u.keyId))
    .where(where)
    .orderBy(desc(u.day), asc(u.keyId), asc(u.modelId));
}

type Cursor = [string, string, string];

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");

function decodeCursor(value: string): Cursor {
  try {
    const v: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === "string")) {
      return [String(v[0]), String(v[1]), String(v[2])];
    }
  } catch {
    // Falls through to the 400 below.
  }
  throw new ValidationError([{ path: "cursor", message: "Malformed cursor" }]);
}

/** Usage per key, model and day over a range, newest day first, keyset-paginated. */
export async function listUsage(db: Db, orgId: string, q: UsageQuery): Promise<Page<UsageRow>> {
  const filter = usageFilter(orgId, q);
  let after: SQL | undefined;
  if (q.cursor) {
    const [day, keyId, modelId] = decodeCursor(q.cursor);
    after = sql`(${u.day} < ${day} or (${u.day} = ${day} and (${u.keyId}, ${u.modelId}) > (${keyId}, ${modelId})))`;
  }
  const [rows, [counted]] = await Promise.all([
    usageRows(db, and(filter, after)).limit(q.limit + 1),
    db.select({ total: count() }).from(u).where(filter),
  ]);
  const page = rows
    .slice(0, q.limit)
    .map((r) => ({ ...r, totalTokens: r.inputTokens + r.outputTokens }));
  const last = page.at(-1);
  return {
    items: page,
    total: counted?.total ?? 0,
    nextCursor:
      rows.length > q.limit && last ? encodeCursor([last.day, last.keyId, last.modelId]) : null,
  };
}
