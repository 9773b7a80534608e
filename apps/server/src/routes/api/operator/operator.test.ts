import type { NodeState, OperatorSummary } from "@edgeplane/contracts";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { healthJob } from "../../../jobs/health.ts";
import { createHarness, type Harness } from "../../../testing/harness.ts";
import { batch, gpu, keyedNode, postTelemetry, sample, send } from "../../agent/telemetry-kit.ts";
import { makeNode, makeSite, member, newTenant } from "../sites/fixtures.ts";

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

let seq = 1;
const pass = () => healthJob(h.deps.database, h.deps.config.ops).tick(Date.now());
const advance = (s: number) => vi.setSystemTime(Date.now() + s * 1000);

describe("GET /orgs/:orgId/operator/summary", () => {
  it("counts nodes by state and GPUs online, lists sites, and puts the worst first", async () => {
    const fine = await keyedNode(h);
    const t = fine.t;
    const hot = await keyedNode(h, { t, siteId: fine.siteId, node: { name: "hot-node" } });
    const lostSite = await makeSite(h, t, { name: "Lost Room" });
    const lost = await keyedNode(h, { t, siteId: lostSite.id, node: { name: "lost-node" } });
    const resting = await keyedNode(h, { t, siteId: fine.siteId, node: { name: "resting-node" } });
    await makeNode(h, t, fine.siteId, { name: "new-node" });

    await send(h, lost, [sample(seq++, Date.now())], 10);
    await pass();
    for (let i = 0; i < 15; i++) {
      advance(10);
      await pass();
    }
    for (const n of [fine, resting]) await send(h, n, [sample(seq++, Date.now())], 60);
    await send(
      h,
      hot,
      [sample(seq++, Date.now(), { gpus: [gpu(0, { temperatureC: 92 }), gpu(1)] })],
      60,
    );
    await h.request(`${t.base}/nodes/${resting.nodeId}/maintenance`, {
      method: "PUT",
      as: t.owner,
      body: { enabled: true },
    });
    await pass();
    const evaluatedAt = new Date(Date.now()).toISOString();
    advance(3);

    const res = await h.request(`${t.base}/operator/summary`, { as: t.owner });
    expect(res.status).toBe(200);
    const s: OperatorSummary = await res.json();
    expect(s.asOf).toBe(evaluatedAt);
    expect(s.simulated).toBe(false);
    expect(s.nodes).toEqual({
      total: 5,
      pending: 1,
      online: 1,
      degraded: 1,
      offline: 1,
      maintenance: 1,
    });
    expect(s.gpus).toEqual({ online: 4, total: 20 });
    expect(s.openIncidents).toEqual({ minor: 0, major: 1, critical: 2 });
    expect(s.sites.map((x) => [x.name, x.state, x.counts.total])).toEqual([
      ["Lost Room", "major_outage", 1],
      ["Nairobi West Telecom Room", "degraded_performance", 4],
    ]);
    expect(s.needsAttention.map((n) => [n.name, n.status, n.severity])).toEqual([
      ["lost-node", "offline", "critical"],
      ["hot-node", "degraded", "major"],
    ]);
    expect(s.needsAttention[1]?.reasons[0]?.message).toMatch(/92 °C/);
  });

  it("labels simulated telemetry", async () => {
    const node = await keyedNode(h);
    const body = batch([sample(seq++, Date.now())]);
    body.agent.simulated = true;
    expect((await postTelemetry(h, node.secret, body)).status).toBe(200);
    const s = await (
      await h.request(`${node.t.base}/operator/summary`, { as: node.t.owner })
    ).json();
    expect(s.simulated).toBe(true);
  });

  it("answers an empty fleet, 404 to another tenant, 200 to a viewer", async () => {
    const t = await newTenant(h);
    const s = await (await h.request(`${t.base}/operator/summary`, { as: t.owner })).json();
    expect(s.nodes.total).toBe(0);
    expect(s.needsAttention).toEqual([]);
    const other = await newTenant(h);
    expect((await h.request(`${t.base}/operator/summary`, { as: other.owner })).status).toBe(404);
    const viewer = await member(h, t, "viewer");
    expect((await h.request(`${t.base}/operator/summary`, { as: viewer })).status).toBe(200);
  });
});

describe("GET /orgs/:orgId/nodes/:nodeId/state", () => {
  it("says pending with no telemetry, then the newest telemetry and the reasons", async () => {
    const node = await keyedNode(h);
    const url = `${node.t.base}/nodes/${node.nodeId}/state`;
    const before: NodeState = await (await h.request(url, { as: node.t.owner })).json();
    expect(before).toMatchObject({
      status: "pending",
      reasons: [],
      telemetry: null,
      maintenance: null,
    });
    await send(h, node, [sample(seq++, Date.now(), { gpus: [gpu(0, { eccUncorrected: 3 })] })]);
    await pass();
    const after: NodeState = await (await h.request(url, { as: node.t.owner })).json();
    expect(after.status).toBe("degraded");
    expect(after.reasons.map((r) => r.code)).toEqual(["ecc_uncorrectable"]);
    expect(after.telemetry).toMatchObject({
      hostname: "gpu-host-01",
      intervalSeconds: 10,
      upstreamHealthy: true,
      models: ["llama-3.1-8b-instruct"],
      gpus: [expect.objectContaining({ index: 0, eccUncorrected: 3 })],
    });
    const other = await newTenant(h);
    expect((await h.request(url, { as: other.owner })).status).toBe(404);
    expect(
      (await h.request(`${other.base}/nodes/${node.nodeId}/state`, { as: other.owner })).status,
    ).toBe(404);
  });

  it("validates the maintenance body and keeps repeated requests idempotent", async () => {
    const node = await keyedNode(h);
    const url = `${node.t.base}/nodes/${node.nodeId}/maintenance`;
    for (const body of [{}, { enabled: "yes" }, { enabled: true, reason: "x".repeat(501) }]) {
      expect((await h.request(url, { method: "PUT", as: node.t.owner, body })).status).toBe(400);
    }
    for (let i = 0; i < 2; i++) {
      const res = await h.request(url, {
        method: "PUT",
        as: node.t.owner,
        body: { enabled: true },
      });
      expect((await res.json()).status).toBe("maintenance");
    }
    const off = await h.request(url, { method: "PUT", as: node.t.owner, body: { enabled: false } });
    expect((await off.json()).status).toBe("pending");
  });
});
