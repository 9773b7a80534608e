import { schema } from "@edgeplane/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyedNode } from "../routes/agent/telemetry-kit.ts";
import { enforceRetention } from "../services/telemetry/retention.ts";
import { rowsOf } from "../services/telemetry/sql.ts";
import { createHarness, type Harness } from "../testing/harness.ts";
import { rollupJob } from "./rollups.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const hour = 3_600_000;
const day = 24 * hour;
const now = Date.parse("2026-11-25T12:00:00Z");

const zeroStats = {
  nodes: 1,
  samples: 1,
  gpuUtilN: 0,
  gpuMemUsedN: 0,
  gpuTempN: 0,
  powerN: 0,
  tokensPerSecondN: 0,
  queueDepthN: 0,
  heartbeatLagN: 0,
};

async function seed() {
  const node = await keyedNode(h);
  const db = h.deps.database.db;
  const ages = {
    raw: [25 * hour, 23 * hour, hour],
    "1m": [25 * hour, 23 * hour],
    "5m": [31 * day, 29 * day],
    "1h": [397 * day, 395 * day],
  };
  await db
    .insert(schema.telemetrySamples)
    .values(ages.raw.map((age, i) => ({ nodeId: node.nodeId, seq: i, at: new Date(now - age) })));
  const rollup = (age: number, scope: "node" | "site" | "fleet", scopeId: string) => ({
    scopeId,
    scope,
    orgId: node.t.orgId,
    bucket: new Date(now - age),
    ...zeroStats,
  });
  await db
    .insert(schema.telemetryRollups1m)
    .values(ages["1m"].map((a) => rollup(a, "site", node.siteId)));
  await db
    .insert(schema.telemetryRollups5m)
    .values(ages["5m"].map((a) => rollup(a, "node", node.nodeId)));
  await db
    .insert(schema.telemetryRollups1h)
    .values(ages["1h"].map((a) => rollup(a, "fleet", node.t.orgId)));
  await db.insert(schema.statusDaily).values(
    [101, 99].map((d) => ({
      orgId: node.t.orgId,
      kind: "org" as const,
      componentId: node.t.orgId,
      day: new Date(now - d * day).toISOString().slice(0, 10),
      observedSeconds: 86_400,
    })),
  );
  return node;
}

async function ages(table: string, column: string, scope: string): Promise<number[]> {
  const rows = await rowsOf<{ t: number }>(
    h.deps.database.db,
    sql`select extract(epoch from ${sql.raw(column)}) * 1000 as t from ${sql.raw(table)}
        where ${sql.raw(table === "telemetry_samples" ? "node_id" : "scope_id")} = ${scope} order by 1`,
  );
  return rows.map((r) => Math.round((now - Number(r.t)) / hour));
}

async function setMarks(at: number) {
  for (const name of ["rollup.1m", "rollup.5m", "rollup.1h"]) {
    await h.deps.database.db.execute(
      sql`insert into job_marks (name, at) values (${name}, ${new Date(at).toISOString()}::timestamptz)
          on conflict (name) do update set at = excluded.at`,
    );
  }
}

const options = { rawMs: day, fiveMinuteMs: 30 * day, hourMs: 396 * day, vacuum: true };

describe("retention", () => {
  it("deletes only what is older than each tier keeps", async () => {
    const node = await seed();
    await setMarks(now);
    const result = await enforceRetention(h.deps.database.db, options, now);
    expect(await ages("telemetry_samples", "at", node.nodeId)).toEqual([23, 1]);
    expect(await ages("telemetry_rollups_1m", "bucket", node.siteId)).toEqual([23]);
    expect(await ages("telemetry_rollups_5m", "bucket", node.nodeId)).toEqual([29 * 24]);
    expect(await ages("telemetry_rollups_1h", "bucket", node.t.orgId)).toEqual([395 * 24]);
    const days = await rowsOf<{ n: number }>(
      h.deps.database.db,
      sql`select count(*)::int as n from status_daily where org_id = ${node.t.orgId}`,
    );
    expect(days[0]?.n).toBe(1);
    expect(result).toMatchObject({
      telemetry_samples: 1,
      telemetry_rollups_1m: 1,
      telemetry_rollups_5m: 1,
      telemetry_rollups_1h: 1,
      status_daily: 1,
    });
  });

  it("keeps raw samples that the rollups have not reached yet", async () => {
    const node = await seed();
    await setMarks(now - 30 * hour);
    await enforceRetention(h.deps.database.db, options, now);
    expect(await ages("telemetry_samples", "at", node.nodeId)).toEqual([25, 23, 1]);
  });

  it("runs from the rollup job once per retention interval", async () => {
    const job = rollupJob(h.deps.database, h.deps.config.ops);
    const first = await job.tick(Date.now());
    expect(first.retention).not.toBeNull();
    const second = await job.tick(Date.now() + 1000);
    expect(second.retention).toBeNull();
  });
});
