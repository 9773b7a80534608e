import { type SQL, sql } from "drizzle-orm";
import type { Db, Tx } from "../context.ts";
import {
  fleetFromSites,
  type IdScope,
  nodesFromFiveMinute,
  nodesFromRaw,
  siteSliceFromRaw,
  sitesFromNodes,
  sitesFromRaw,
  type Tier,
  tierMs,
} from "./rollup-sql.ts";
import { jobLocks, readMark, rowsOf, tryJobLock, writeMark } from "./sql.ts";

/**
 * Rolls finished buckets up, tier by tier, each bucket in short transactions under the rollup
 * lock (a second replica skips the pass; were it to run, the upserts are idempotent): node and
 * site rows in slices of ~`sliceNodes` nodes, then the coarser rows and the tier's mark. A mark
 * per tier says how far it is done. Samples that arrive after their bucket was done are listed
 * in telemetry_late by ingest and recomputed here.
 */

export interface RollupOptions {
  /** How long after a bucket ends its samples are still awaited. */
  graceMs: number;
  /** At most this many buckets per tier per pass (a long-stopped job catches up gradually). */
  maxBuckets?: number;
  /**
   * Nodes per statement (default 500): on the embedded database a statement blocks every request
   * while it runs, and one over 10,000 nodes' 5 minutes takes ~1.5 s; a slice takes ~50 ms.
   */
  sliceNodes?: number;
}

export interface RollupPass {
  skipped: boolean;
  buckets: Record<Tier, number>;
  lateMinutes: number;
}

const floor = (t: number, width: number) => Math.floor(t / width) * width;
const markName = (tier: Tier) => `rollup.${tier}`;

export async function runRollupPass(db: Db, opts: RollupOptions, now: number): Promise<RollupPass> {
  const max = opts.maxBuckets ?? 120;
  const done: Record<Tier, number> = { "1m": 0, "5m": 0, "1h": 0 };
  const marks = await initialMarks(db, now);
  const slices = new Slices(db, opts.sliceNodes ?? 500);
  /** `sliced` statements each in their own transaction, then `last` with the mark. */
  const step = async (
    tier: Tier,
    ready: (bucket: number) => boolean,
    work: (b: Date) => Promise<{ sliced: SQL[]; last: SQL[] }>,
  ) => {
    for (let i = 0; i < max; i++) {
      const bucket = marks[tier];
      if (!ready(bucket)) return true;
      const { sliced, last } = await work(new Date(bucket));
      for (const statements of [...sliced.map((st) => [st]), last]) {
        const ok = await locked(db, async (tx) => {
          // Another replica may have moved the mark since we read it.
          if ((await readMark(tx, markName(tier))) !== bucket) return false;
          for (const statement of statements) await tx.execute(statement);
          if (statements === last) await writeMark(tx, markName(tier), bucket + tierMs[tier]);
          return true;
        });
        if (!ok) return false;
        await new Promise((resolve) => setImmediate(resolve));
      }
      marks[tier] = bucket + tierMs[tier];
      done[tier]++;
    }
    return true;
  };
  const due = (tier: Tier) => (b: number) => b + tierMs[tier] + opts.graceMs <= now;
  const minute = async (b: Date) => ({
    sliced: (await slices.sites()).map((s) => siteSliceFromRaw(b, s)),
    last: [fleetFromSites(b)],
  });
  if (!(await step("1m", due("1m"), minute))) return skipped(done);
  const fiveMinutes = async (b: Date) => ({
    sliced: (await slices.nodes()).map((n) => nodesFromRaw(b, n)),
    last: [sitesFromNodes("5m", b)],
  });
  if (!(await step("5m", due("5m"), fiveMinutes))) return skipped(done);
  const hourReady = (b: number) => b + tierMs["1h"] <= marks["5m"];
  const hour = async (b: Date) => ({
    sliced: (await slices.nodes()).map((n) => nodesFromFiveMinute(b, n)),
    last: [sitesFromNodes("1h", b)],
  });
  if (!(await step("1h", hourReady, hour))) return skipped(done);
  const late = await recomputeLate(db, marks);
  return { skipped: late === null, buckets: done, lateMinutes: late ?? 0 };
}

const skipped = (buckets: Record<Tier, number>): RollupPass => ({
  skipped: true,
  buckets,
  lateMinutes: 0,
});

/** False when another replica holds the rollup lock (or `fn` says the mark moved). */
async function locked(db: Db, fn: (tx: Tx) => Promise<boolean | undefined>): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await tryJobLock(tx, jobLocks.rollup))) return false;
    return (await fn(tx)) !== false;
  });
}

/**
 * Slices of the sorted node ids (and of the sites, whole sites of about as many nodes), read
 * once per pass when a bucket is due. The first and last slices are open-ended: a node added
 * meanwhile still falls in one.
 */
class Slices {
  readonly #db: Db;
  readonly #size: number;
  #nodes: Promise<IdScope[]> | undefined;
  #sites: Promise<IdScope[]> | undefined;

  constructor(db: Db, size: number) {
    this.#db = db;
    this.#size = Math.max(1, size);
  }

  nodes(): Promise<IdScope[]> {
    this.#nodes ??= rowsOf<{ id: string }>(this.#db, sql`select id from nodes order by id`).then(
      (rows) =>
        cut(
          rows.map((r) => ({ id: r.id, weight: 1 })),
          this.#size,
        ),
    );
    return this.#nodes;
  }

  sites(): Promise<IdScope[]> {
    this.#sites ??= rowsOf<{ id: string; n: number }>(
      this.#db,
      sql`select site_id as id, count(*)::int as n from nodes group by site_id order by site_id`,
    ).then((rows) =>
      cut(
        rows.map((r) => ({ id: r.id, weight: r.n })),
        this.#size,
      ),
    );
    return this.#sites;
  }
}

function cut(sorted: { id: string; weight: number }[], size: number): IdScope[] {
  const bounds: string[] = [];
  let weight = 0;
  for (const { id, weight: w } of sorted) {
    weight += w;
    if (weight >= size) {
      bounds.push(id);
      weight = 0;
    }
  }
  const last = sorted[sorted.length - 1]?.id;
  if (bounds.length > 0 && bounds[bounds.length - 1] === last) bounds.pop();
  if (bounds.length === 0) return [{}];
  return [...bounds, undefined].map((upTo, i) => ({ after: bounds[i - 1], upTo }));
}

/** The first pass starts at the oldest raw sample (or now): nothing before it to roll up. */
async function initialMarks(db: Db, now: number): Promise<Record<Tier, number>> {
  const marks = {} as Record<Tier, number>;
  let oldest: number | undefined;
  for (const tier of ["1m", "5m", "1h"] as const) {
    const mark = await readMark(db, markName(tier));
    if (mark !== null) {
      marks[tier] = mark;
      continue;
    }
    if (oldest === undefined) {
      const [row] = await rowsOf<{ at: string | Date | null }>(
        db,
        sql`select min(at) as at from telemetry_samples`,
      );
      oldest = row?.at ? new Date(row.at).getTime() : now;
    }
    marks[tier] = floor(oldest, tierMs[tier]);
    await locked(db, async (tx) => {
      await tx.execute(
        sql`insert into job_marks (name, at) values (${markName(tier)}, ${new Date(marks[tier]).toISOString()}::timestamptz)
            on conflict (name) do nothing`,
      );
    });
    marks[tier] = (await readMark(db, markName(tier))) ?? marks[tier];
  }
  return marks;
}

/** Recomputes buckets already done that late samples fell into; null when the lock was busy. */
async function recomputeLate(db: Db, marks: Record<Tier, number>): Promise<number | null> {
  const late = await rowsOf<{ node_id: string; minute: string | Date; org_id: string | null }>(
    db,
    sql`select l.node_id, l.minute, n.org_id from telemetry_late l
        left join nodes n on n.id = l.node_id order by l.minute limit 500`,
  );
  if (late.length === 0) return 0;
  const ok = await locked(db, async (tx) => {
    const minutes = new Map<number, { nodes: Set<string>; orgs: Set<string> }>();
    for (const r of late) {
      const m = new Date(r.minute).getTime();
      const entry = minutes.get(m) ?? { nodes: new Set(), orgs: new Set() };
      entry.nodes.add(r.node_id);
      if (r.org_id) entry.orgs.add(r.org_id);
      minutes.set(m, entry);
    }
    const redo = (tier: Tier) => {
      const out = new Map<number, { nodes: Set<string>; orgs: Set<string> }>();
      for (const [m, e] of minutes) {
        const b = floor(m, tierMs[tier]);
        if (b >= marks[tier]) continue;
        const acc = out.get(b) ?? { nodes: new Set(), orgs: new Set() };
        for (const n of e.nodes) acc.nodes.add(n);
        for (const o of e.orgs) acc.orgs.add(o);
        out.set(b, acc);
      }
      return [...out].filter(([, e]) => e.orgs.size > 0);
    };
    for (const [b, e] of redo("1m")) {
      await tx.execute(sitesFromRaw(new Date(b), { ids: [...e.orgs] }));
    }
    for (const [b, e] of redo("5m")) {
      await tx.execute(nodesFromRaw(new Date(b), { ids: [...e.nodes] }));
      await tx.execute(sitesFromNodes("5m", new Date(b), { ids: [...e.orgs] }));
    }
    for (const [b, e] of redo("1h")) {
      await tx.execute(nodesFromFiveMinute(new Date(b), { ids: [...e.nodes] }));
      await tx.execute(sitesFromNodes("1h", new Date(b), { ids: [...e.orgs] }));
    }
    const pairs = late.map(
      (r) => sql`(${r.node_id}, ${new Date(r.minute).toISOString()}::timestamptz)`,
    );
    await tx.execute(
      sql`delete from telemetry_late where (node_id, minute) in (${sql.join(pairs, sql`, `)})`,
    );
  });
  return ok ? late.length : null;
}
