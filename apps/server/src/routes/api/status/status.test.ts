import type { ComponentState, StatusPage } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { healthJob } from "../../../jobs/health.ts";
import { type Counts, componentState } from "../../../services/status/derive.ts";
import { createHarness, type Harness } from "../../../testing/harness.ts";
import { type KeyedNode, keyedNode, sample, send } from "../../agent/telemetry-kit.ts";
import { member, newTenant } from "../sites/fixtures.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.parse("2026-11-25T12:00:00Z"));
});
afterEach(() => vi.useRealTimers());

describe("component state from node health", () => {
  const c = (over: Partial<Counts>): Counts => ({
    total: 10,
    offline: 0,
    degraded: 0,
    maintenance: 0,
    pending: 0,
    ...over,
  });
  const cases: [string, Counts, ComponentState][] = [
    ["all healthy", c({}), "operational"],
    ["no nodes", c({ total: 0 }), "operational"],
    ["only pending nodes", c({ pending: 10 }), "operational"],
    ["one degraded", c({ degraded: 1 }), "degraded_performance"],
    ["one offline of 20", c({ total: 20, offline: 1 }), "degraded_performance"],
    ["one offline of 10", c({ offline: 1 }), "partial_outage"],
    ["one offline of a small site", c({ total: 2, offline: 1 }), "partial_outage"],
    ["all offline", c({ offline: 10 }), "major_outage"],
    ["the rest offline while some rest", c({ offline: 6, maintenance: 4 }), "major_outage"],
    ["all in maintenance", c({ maintenance: 10 }), "under_maintenance"],
    ["maintenance and pending only", c({ maintenance: 3, pending: 7 }), "under_maintenance"],
  ];
  for (const [name, counts, state] of cases) {
    it(`${name} → ${state}`, () => expect(componentState(counts)).toBe(state));
  }
});

let seq = 1;
const pass = () => healthJob(h.deps.database, h.deps.config.ops).tick(Date.now());
const advance = (s: number) => vi.setSystemTime(Date.now() + s * 1000);
async function status(n: KeyedNode): Promise<StatusPage> {
  const res = await h.request(`${n.t.base}/status`, { as: n.t.owner });
  expect(res.status).toBe(200);
  return res.json();
}

describe("GET /orgs/:orgId/status", () => {
  it("weighs a major outage fully and a partial one by half in daily uptime", async () => {
    const node = await keyedNode(h);
    const today = "2026-11-25";
    const yesterday = "2026-11-24";
    const row = (
      kind: "org" | "site",
      componentId: string,
      day: string,
      over: Record<string, number>,
    ) => ({
      orgId: node.t.orgId,
      kind,
      componentId,
      day,
      ...over,
    });
    await h.deps.database.db.insert(schema.statusDaily).values([
      row("org", node.t.orgId, yesterday, { observedSeconds: 86_400 }),
      row("org", node.t.orgId, today, { observedSeconds: 1000 }),
      row("site", node.siteId, today, {
        majorSeconds: 100,
        partialSeconds: 200,
        degradedSeconds: 300,
      }),
    ]);
    await send(h, node, [sample(seq++, Date.now())]);
    const s = await status(node);
    expect(s.days).toHaveLength(90);
    expect(s.days.at(-1)).toBe(today);
    const site = s.components.find((c) => c.kind === "site");
    expect(site?.uptime).toHaveLength(90);
    expect(site?.uptime.at(-1)).toBeCloseTo(0.8, 10);
    expect(site?.uptime.at(-2)).toBe(1);
    expect(site?.uptime.at(-3)).toBeNull();
    expect(site?.uptime90).toBeCloseTo(1 - 200 / 87_400, 10);
    expect(s.components.find((c) => c.kind === "region")?.uptime.at(-1)).toBe(1);
  });

  it("derives regions, sites and models from node health, and accounts the time spent", async () => {
    const a = await keyedNode(h);
    const b = await keyedNode(h, { t: a.t, siteId: a.siteId, node: { name: "gpu-node-02" } });
    const report = async (nodes: KeyedNode[]) => {
      for (const n of nodes) await send(h, n, [sample(seq++, Date.now())], 10);
    };
    await report([a, b]);
    await pass();
    let s = await status(a);
    expect(s.overall).toBe("operational");
    expect(s.components.map((c) => [c.kind, c.name, c.state, c.nodes])).toEqual([
      ["region", "Africa", "operational", 2],
      ["site", "Nairobi West Telecom Room", "operational", 2],
      ["model", "llama-3.1-8b-instruct", "operational", 2],
    ]);
    // b falls silent: after 2 minutes the site has one node of two down (partial outage).
    for (let i = 0; i < 14; i++) {
      advance(10);
      await report([a]);
      await pass();
    }
    s = await status(a);
    expect(s.overall).toBe("partial_outage");
    expect(s.components.every((c) => c.state === "partial_outage")).toBe(true);
    expect(s.activeIncidents.map((i) => i.cause)).toEqual(["connectivity"]);
    // Then a as well: a major outage, and a site-wide incident.
    for (let i = 0; i < 14; i++) {
      advance(10);
      await pass();
    }
    s = await status(a);
    expect(s.overall).toBe("major_outage");
    expect(s.activeIncidents.map((i) => i.cause).sort()).toEqual([
      "connectivity",
      "connectivity",
      "site_offline",
    ]);
    // 28 passes 10 s apart observed 280 s: 140 s partial (b offline from 130 s), 20 s major.
    const site = s.components.find((c) => c.kind === "site");
    expect(site?.uptime.at(-1)).toBeCloseTo(1 - (20 + 0.5 * 140) / 280, 10);
  });

  it("puts nodes in maintenance under maintenance, and guards the tenant", async () => {
    const node = await keyedNode(h);
    await send(h, node, [sample(seq++, Date.now())]);
    await h.request(`${node.t.base}/nodes/${node.nodeId}/maintenance`, {
      method: "PUT",
      as: node.t.owner,
      body: { enabled: true },
    });
    const s = await status(node);
    expect(s.overall).toBe("under_maintenance");
    const other = await newTenant(h);
    expect((await h.request(`${node.t.base}/status`, { as: other.owner })).status).toBe(404);
    const viewer = await member(h, node.t, "viewer");
    expect((await h.request(`${node.t.base}/status`, { as: viewer })).status).toBe(200);
  });
});
