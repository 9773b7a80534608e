import type { Series, TelemetrySample } from "@edgeplane/contracts";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  gpu,
  inference,
  type KeyedNode,
  keyedNode,
  sample,
  send,
} from "../routes/agent/telemetry-kit.ts";
import { makeSite } from "../routes/api/sites/fixtures.ts";
import { rowsOf } from "../services/telemetry/sql.ts";
import { rng } from "../testing/fuzz.ts";
import { createHarness, type Harness } from "../testing/harness.ts";
import { rollupJob } from "./rollups.ts";

/*
 * Generated telemetry for three nodes on two sites over 2.5 h, posted as an agent would; the
 * rollup job then runs. Every tier (raw, 1-minute, 5-minute, 1-hour; node, site, fleet) must
 * give the min, avg and max that the samples themselves give.
 */

let h: Harness;
let nodes: KeyedNode[];
const T0 = Date.parse("2026-11-25T10:00:00Z");
const span = 150 * 60_000;
const r = rng(7);
/** Per node: [at, receivedAt, temperature (hottest GPU), tokens/s or null]. */
const truth = new Map<string, [number, number, number, number | null][]>();

beforeAll(async () => {
  h = await createHarness();
  vi.useFakeTimers({ toFake: ["Date"] });
  // Sessions are minted at the time the charts are read (access tokens live an hour).
  vi.setSystemTime(T0 + span + 60_000);
  const first = await keyedNode(h);
  const site2 = await makeSite(h, first.t, { name: "Second Room" });
  nodes = [
    first,
    await keyedNode(h, { t: first.t, siteId: first.siteId }),
    await keyedNode(h, { t: first.t, siteId: site2.id }),
  ];
  for (const [n, node] of nodes.entries()) {
    const rows: [number, number, number, number | null][] = [];
    truth.set(node.nodeId, rows);
    for (let start = T0; start < T0 + span; start += 300_000) {
      const samples: TelemetrySample[] = [];
      const receivedAt = start + 300_000 - 10_000 + 1_500;
      for (let at = start; at < start + 300_000; at += 10_000) {
        const temp = Math.round(40 + r.next() * 50);
        const tps = r.int(7) === 0 ? null : Math.round(r.next() * 2000);
        rows.push([at, receivedAt, temp, tps]);
        samples.push(
          sample(1_000_000 + n * 10_000 + (at - T0) / 10_000, at, {
            gpus: [gpu(0, { temperatureC: temp }), gpu(1, { temperatureC: temp - 10 })],
            inference: tps === null ? null : inference({ tokensPerSecond: tps }),
          }),
        );
      }
      vi.setSystemTime(receivedAt);
      await send(h, node, samples);
    }
  }
});
afterAll(async () => {
  vi.useRealTimers();
  await h.close();
});

const tick = async (now: number) => rollupJob(h.deps.database, h.deps.config.ops).tick(now);
async function rollUpEverything(now: number) {
  for (let i = 0; i < 10; i++) {
    const t = await tick(now);
    if (t.buckets["1m"] + t.buckets["5m"] + t.buckets["1h"] === 0) return;
  }
}

interface Agg {
  min: number;
  max: number;
  avg: number;
  n: number;
}
function aggregate(values: number[]): Agg | null {
  if (values.length === 0) return null;
  return {
    min: Math.min(...values),
    max: Math.max(...values),
    avg: values.reduce((a, b) => a + b, 0) / values.length,
    n: values.length,
  };
}
/** What the samples say for a scope and bucket: metric 2 = temperature, 3 = tokens/s, 1 = lag. */
function expected(nodeIds: string[], from: number, width: number, metric: 1 | 2 | 3): Agg | null {
  const values: number[] = [];
  for (const id of nodeIds) {
    for (const row of truth.get(id) ?? []) {
      const v = metric === 1 ? row[1] - row[0] : row[metric];
      if (row[0] >= from && row[0] < from + width && v !== null) values.push(v);
    }
  }
  return aggregate(values);
}
function stored(table: string, scopeId: string, bucket: number, column: string) {
  return rowsOf<{ min: number; max: number; sum: number; n: number }>(
    h.deps.database.db,
    sql`select ${sql.raw(`${column}_min`)}::float8 as min, ${sql.raw(`${column}_max`)}::float8 as max,
        ${sql.raw(`${column}_sum`)}::float8 as sum, ${sql.raw(`${column}_n`)} as n
        from ${sql.raw(table)} where scope_id = ${scopeId} and bucket = ${new Date(bucket).toISOString()}::timestamptz`,
  );
}
function agree(
  got: { min: number; max: number; sum: number; n: number } | undefined,
  want: Agg | null,
) {
  if (!want) return expect(got?.n ?? 0).toBe(0);
  expect(got).toBeDefined();
  expect(got?.n).toBe(want.n);
  expect(got?.min).toBeCloseTo(want.min, 3);
  expect(got?.max).toBeCloseTo(want.max, 3);
  expect((got?.sum ?? 0) / want.n).toBeCloseTo(want.avg, 3);
}

describe("rollups", () => {
  it("agree with the raw samples at every tier and scope", async () => {
    const now = T0 + span + 2 * 3_600_000;
    await rollUpEverything(now);
    const ids = nodes.map((n) => n.nodeId);
    const [a, b, c] = nodes;
    if (!a || !b || !c) throw new Error("nodes");
    const scopes: [string, string[]][] = [
      [a.nodeId, [a.nodeId]],
      [c.nodeId, [c.nodeId]],
      [a.siteId, [a.nodeId, b.nodeId]],
      [c.siteId, [c.nodeId]],
      [a.t.orgId, ids],
    ];
    for (const [scopeId, members] of scopes) {
      const isNode = scopeId.startsWith("node_");
      for (const [table, width] of [
        ["telemetry_rollups_5m", 300_000],
        ["telemetry_rollups_1h", 3_600_000],
        ...(isNode ? [] : [["telemetry_rollups_1m", 60_000]]),
      ] as [string, number][]) {
        for (let bucket = T0; bucket < T0 + span; bucket += width) {
          for (const [col, metric] of [
            ["gpu_temp", 2],
            ["tokens_per_second", 3],
            ["heartbeat_lag", 1],
          ] as const) {
            const [got] = await stored(table, scopeId, bucket, col);
            agree(got, expected(members, bucket, width, metric));
          }
        }
      }
    }
    const [fleetHour] = await rowsOf<{ nodes: number; samples: number }>(
      h.deps.database.db,
      sql`select nodes, samples from telemetry_rollups_1h where scope_id = ${a.t.orgId} and bucket = ${new Date(T0).toISOString()}::timestamptz`,
    );
    expect(fleetHour).toEqual({ nodes: 3, samples: 3 * 360 });
  });

  it("serves each range from its tier with min/avg/max per point", async () => {
    const [a] = nodes;
    if (!a) throw new Error("nodes");
    vi.setSystemTime(T0 + span + 60_000);
    const get = async (q: string): Promise<Series> => {
      const res = await h.request(`${a.t.base}/telemetry/series?${q}`, { as: a.t.owner });
      expect(res.status, q).toBe(200);
      return res.json();
    };
    const hour = await get(`scope=node&id=${a.nodeId}&range=1h&metrics=gpu_temperature`);
    expect(hour).toMatchObject({ source: "raw", stepSeconds: 10, simulated: false });
    const points = hour.series[0]?.points ?? [];
    expect(points.length).toBeLessThanOrEqual(360);
    const at = Date.parse(points[10]?.t ?? "");
    const raw = truth.get(a.nodeId)?.find((row) => row[0] === at);
    expect(points[10]).toMatchObject({ min: raw?.[2], max: raw?.[2], avg: raw?.[2], samples: 1 });

    const fleet = await get("scope=fleet&range=1h&metrics=tokens_per_second");
    expect(fleet.source).toBe("1m");
    const p = fleet.series[0]?.points.find((x) => x.samples > 0);
    const want = expected(
      nodes.map((n) => n.nodeId),
      Date.parse(p?.t ?? ""),
      60_000,
      3,
    );
    expect(p?.avg).toBeCloseTo(want?.avg ?? Number.NaN, 3);

    const day = await get(
      `scope=site&id=${a.siteId}&range=24h&metrics=gpu_temperature,heartbeat_lag`,
    );
    expect(day).toMatchObject({ source: "5m", stepSeconds: 300 });
    expect(day.series.map((s) => [s.metric, s.unit])).toEqual([
      ["gpu_temperature", "°C"],
      ["heartbeat_lag", "ms"],
    ]);
    expect(day.series[0]?.points).toHaveLength(288);
    const week = await get(`scope=node&id=${a.nodeId}&range=7d`);
    expect(week).toMatchObject({ source: "1h", stepSeconds: 3600 });
    expect(week.series).toHaveLength(7);
    const month = await get("range=30d&metrics=power");
    expect(month).toMatchObject({ source: "1h", stepSeconds: 10_800 });
    expect(month.series[0]?.points).toHaveLength(240);
    const filled = month.series[0]?.points.filter((x) => x.samples > 0) ?? [];
    expect(filled.length).toBeGreaterThan(0);
    expect(month.series[0]?.points[0]).toMatchObject({
      min: null,
      avg: null,
      max: null,
      samples: 0,
    });

    for (const q of [
      "scope=site",
      "scope=node&id=node_x",
      "range=2h",
      "metrics=gpu_utilization,nope",
      `scope=site&id=${a.nodeId}`,
    ]) {
      const res = await h.request(`${a.t.base}/telemetry/series?${q}`, { as: a.t.owner });
      expect([400, 404], q).toContain(res.status);
    }
  });

  it("recomputes buckets already rolled up when late samples arrive (an agent's backlog)", async () => {
    const [a] = nodes;
    if (!a) throw new Error("nodes");
    const at = T0 + 12_345;
    vi.setSystemTime(T0 + span + 3_600_000);
    await send(h, a, [sample(999, at, { gpus: [gpu(0, { temperatureC: 99 })] })]);
    truth.get(a.nodeId)?.push([at, Date.now(), 99, 120]);
    const t = await tick(Date.now());
    expect(t.lateMinutes).toBe(1);
    const [node5] = await stored("telemetry_rollups_5m", a.nodeId, T0, "gpu_temp");
    agree(node5, expected([a.nodeId], T0, 300_000, 2));
    expect(node5?.max).toBe(99);
    const [fleetHour] = await stored("telemetry_rollups_1h", a.t.orgId, T0, "gpu_temp");
    agree(
      fleetHour,
      expected(
        nodes.map((n) => n.nodeId),
        T0,
        3_600_000,
        2,
      ),
    );
    const [site1m] = await stored("telemetry_rollups_1m", a.siteId, T0, "gpu_temp");
    expect(site1m?.max).toBe(99);
  });
});
