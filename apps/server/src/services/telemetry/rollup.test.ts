import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { gpu, keyedNode, sample, send } from "../../routes/agent/telemetry-kit.ts";
import { makeSite } from "../../routes/api/sites/fixtures.ts";
import { createHarness, type Harness } from "../../testing/harness.ts";
import { runRollupPass } from "./rollup.ts";
import { rowsOf } from "./sql.ts";

/*
 * A large fleet's buckets are rolled up in slices of nodes (and of whole sites), so that no
 * statement holds the embedded database for long. Slicing must not change a single row.
 */

let h: Harness;
const hour = 3_600_000;
const T0 = Math.floor(Date.now() / hour) * hour - 3 * hour;

beforeAll(async () => {
  h = await createHarness();
  const first = await keyedNode(h);
  const sites = [first.siteId, (await makeSite(h, first.t)).id, (await makeSite(h, first.t)).id];
  const nodes = [first];
  for (let i = 1; i < 7; i++) {
    nodes.push(await keyedNode(h, { t: first.t, siteId: sites[i % sites.length] }));
  }
  for (const [n, node] of nodes.entries()) {
    const samples = Array.from({ length: 70 }, (_, k) =>
      sample(k + 1, T0 + k * 60_000 + n * 1000, {
        gpus: [gpu(0, { temperatureC: 40 + ((k * 7 + n) % 45), utilizationPct: (k * n) % 100 })],
      }),
    );
    await send(h, node, samples);
  }
});
afterAll(() => h.close());

type Tiers = Record<string, Record<string, unknown>[]>;

async function rollUp(sliceNodes: number): Promise<Tiers> {
  const db = h.deps.database.db;
  await db.execute(sql`delete from job_marks where name like 'rollup.%'`);
  for (const t of ["1m", "5m", "1h"])
    await db.execute(sql.raw(`delete from telemetry_rollups_${t}`));
  await runRollupPass(db, { graceMs: 30_000, sliceNodes }, Date.now());
  const tiers: Tiers = {};
  for (const t of ["1m", "5m", "1h"]) {
    const rows = await rowsOf<Record<string, unknown>>(
      db,
      sql.raw(`select * from telemetry_rollups_${t} order by scope_id, bucket, scope`),
    );
    tiers[t] = rows.map(({ updated_at: _u, ...row }) => row);
  }
  return tiers;
}

/** `actual` with each number within float4 rounding of `expected` replaced by it. */
function closeTo(actual: Tiers, expected: Tiers): Tiers {
  // Sums are real (float4): added up in another order they may differ in the last digit.
  const near = (a: unknown, e: unknown) =>
    typeof a === "number" && typeof e === "number" && Math.abs(a - e) <= 1e-6 * Math.abs(e);
  return Object.fromEntries(
    Object.entries(actual).map(([t, rows]) => [
      t,
      rows.map((row, i) =>
        Object.fromEntries(
          Object.entries(row).map(([k, v]) => {
            const e = expected[t]?.[i]?.[k];
            return [k, near(v, e) ? e : v];
          }),
        ),
      ),
    ]),
  );
}

it("gives the same rollups in slices of one node as in one statement", async () => {
  const whole = await rollUp(1_000_000);
  expect(whole["1m"]?.length).toBe(70 * 4);
  expect(whole["1h"]?.length).toBeGreaterThan(0);
  expect(closeTo(await rollUp(1), whole)).toEqual(whole);
  expect(closeTo(await rollUp(3), whole)).toEqual(whole);
});
