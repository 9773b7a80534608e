import type { Db } from "@edgeplane/db";
import { sql } from "drizzle-orm";

/** A small seeded PRNG (mulberry32) so a failing malformed request can be replayed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}
export type Rng = ReturnType<typeof rng>;

/** Values no field of ours accepts: wrong types, empty or oversize strings, hostile shapes. */
export function garbage(r: Rng): unknown {
  const deep: Record<string, unknown> = {};
  let cursor = deep;
  for (let i = 0; i < 50; i++) {
    const child = {};
    cursor.x = child;
    cursor = child;
  }
  return r.pick<unknown>([
    null,
    true,
    false,
    0,
    -1,
    1.5,
    1e308,
    Number.MAX_SAFE_INTEGER,
    "",
    "   ",
    "\u0000",
    "Nairobi\u0000Edge",
    "x".repeat(5000),
    "🙂".repeat(3000),
    [],
    ["a", 1],
    {},
    { $gt: "" },
    JSON.parse('{"__proto__": {"admin": true}}'),
    deep,
  ]);
}

export const garbageText = [
  "{",
  "}",
  "[1,",
  "null",
  "42",
  '"string"',
  "undefined",
  "{'single': 'quotes'}",
  "\u0000\u0001\u0002",
  "%7B%7D",
  "<xml/>",
  "a=1&b=2",
];

export const garbageIds = [
  "",
  "x",
  "org_",
  "%00",
  "a\u0000b",
  "..%2F..%2Fetc%2Fpasswd",
  "' OR '1'='1",
  "00000000-0000-0000-0000-000000000000",
  "node_1111111111111111111111",
  "a".repeat(300),
  "%F0%9F%99%82",
];

/** Builds a malformed body from a valid shape: every field replaced, dropped, or the JSON broken. */
export function malformedBody(r: Rng, fields: readonly string[]): { body: string; type: string } {
  const mode = r.int(5);
  if (mode === 0) return { body: r.pick(garbageText), type: "application/json" };
  if (mode === 1) return { body: JSON.stringify(garbage(r)), type: "application/json" };
  if (mode === 2) {
    const obj: Record<string, unknown> = {};
    for (const f of fields) obj[f] = garbage(r);
    return { body: JSON.stringify(obj), type: r.pick(["application/json", "text/plain", ""]) };
  }
  if (mode === 3)
    return { body: JSON.stringify({ unexpected: garbage(r) }), type: "application/json" };
  const obj: Record<string, unknown> = {};
  for (const f of fields) if (r.next() < 0.5) obj[f] = garbage(r);
  if (Object.keys(obj).length === 0 && fields[0]) obj[fields[0]] = garbage(r);
  return { body: JSON.stringify(obj), type: "application/json; charset=utf-8" };
}

/** Every row of every table, as text: equal snapshots mean nothing stored changed. */
export async function snapshotDatabase(db: Db): Promise<string> {
  const tables = await rowsOf(
    db,
    sql`select table_name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const out: Record<string, unknown[]> = {};
  for (const t of tables) {
    const name = String(t.table_name);
    out[name] = await rowsOf(db, sql.raw(`select * from "${name}" order by 1`));
  }
  return JSON.stringify(out);
}

export async function rowsOf(
  db: Db,
  query: ReturnType<typeof sql>,
): Promise<Record<string, unknown>[]> {
  const res = (await db.execute(query)) as unknown;
  if (Array.isArray(res)) return res as Record<string, unknown>[];
  return (res as { rows: Record<string, unknown>[] }).rows;
}
