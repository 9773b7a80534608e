import type { IncidentDetail, IncidentView, NodeState } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  gpu,
  inference,
  type KeyedNode,
  keyedNode,
  sample,
  send,
} from "../routes/agent/telemetry-kit.ts";
import { makeSite } from "../routes/api/sites/fixtures.ts";
import { createHarness, type Harness } from "../testing/harness.ts";
import { healthJob } from "./health.ts";

/* The health evaluator end to end: agent posts → a pass at a chosen time → states and incidents. */

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());
// Only Date is faked: the clock jumps where a test says, timers and I/O stay real.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.parse("2026-11-25T12:00:00Z"));
});
afterEach(() => vi.useRealTimers());

let seq = 1;
const advance = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);
const pass = () => healthJob(h.deps.database, h.deps.config.ops).tick(Date.now());
/** Interval 60 s: a test that skips a minute is not also testing a late heartbeat. */
const report = (node: KeyedNode, over: Parameters<typeof sample>[2] = {}) =>
  send(h, node, [sample(seq++, Date.now(), over)], 60);
const hot = { gpus: [gpu(0, { temperatureC: 91 }), gpu(1)] };
/** Time passes with the evaluator running every 10 s, as it does (a gap would reset its watch). */
async function elapse(seconds: number, meanwhile?: () => Promise<unknown>) {
  for (let s = 0; s < seconds; s += 10) {
    advance(Math.min(10, seconds - s));
    await meanwhile?.();
    await pass();
  }
}

async function state(node: KeyedNode): Promise<NodeState> {
  const res = await h.request(`${node.t.base}/nodes/${node.nodeId}/state`, { as: node.t.owner });
  expect(res.status).toBe(200);
  return res.json();
}
async function incidents(node: KeyedNode, status = "all"): Promise<IncidentView[]> {
  const res = await h.request(`${node.t.base}/incidents?status=${status}&nodeId=${node.nodeId}`, {
    as: node.t.owner,
  });
  expect(res.status).toBe(200);
  return (await res.json()).items;
}
async function detail(node: KeyedNode, id: string): Promise<IncidentDetail> {
  return (await h.request(`${node.t.base}/incidents/${id}`, { as: node.t.owner })).json();
}

describe("health evaluator", () => {
  it("degrades a hot node with the reason, opens one incident, and resolves it on recovery", async () => {
    const node = await keyedNode(h);
    await report(node, hot);
    await pass();
    const s = await state(node);
    expect(s.status).toBe("degraded");
    expect(s.reasons).toEqual([
      expect.objectContaining({
        code: "gpu_temperature",
        severity: "major",
        message: expect.stringMatching(/GPU 0 at 91 °C/),
      }),
    ]);
    expect(s.telemetry?.metrics.gpu_temperature).toBe(91);
    await pass();
    advance(10);
    await report(node, hot);
    await pass();
    const open = await incidents(node, "open");
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      cause: "gpu_temperature",
      severity: "major",
      status: "investigating",
      subject: "gpu-node-01",
    });

    advance(10);
    await report(node); // 60 °C: clear, but not trusted yet
    await pass();
    expect((await state(node)).status).toBe("degraded");
    expect((await state(node)).reasons[0]?.clearingSince).not.toBeNull();
    advance(60);
    await report(node);
    await pass();
    const after = await state(node);
    expect(after).toMatchObject({ status: "online", reasons: [] });
    const [done] = await incidents(node);
    expect(done?.resolvedAt).not.toBeNull();
    expect(done?.resolvedBy).toBeNull();
    const timeline = (await detail(node, done?.id ?? "")).timeline;
    expect(timeline.map((e) => [e.kind, e.actor])).toEqual([
      ["opened", null],
      ["resolved", null],
    ]);
  });

  it("escalates a late heartbeat to offline in the same incident, and opens a site-wide one", async () => {
    const node = await keyedNode(h);
    await send(h, node, [sample(seq++, Date.now())], 10);
    await pass();
    advance(35);
    await pass();
    expect((await state(node)).status).toBe("degraded");
    let [inc] = await incidents(node, "open");
    expect(inc).toMatchObject({
      cause: "connectivity",
      severity: "minor",
      title: "gpu-node-01: heartbeat is late",
    });
    await elapse(100);
    const s = await state(node);
    expect(s.status).toBe("offline");
    expect(s.reasons.map((r) => r.code)).toEqual(["offline"]);
    [inc] = await incidents(node, "open");
    expect(inc).toMatchObject({
      cause: "connectivity",
      severity: "critical",
      title: "gpu-node-01: is offline",
    });
    expect((await detail(node, inc?.id ?? "")).timeline.map((e) => [e.kind, e.from, e.to])).toEqual(
      [
        ["opened", null, "minor"],
        ["severity_changed", "minor", "critical"],
      ],
    );
    const site = await h.request(`${node.t.base}/incidents?siteId=${node.siteId}`, {
      as: node.t.owner,
    });
    const siteWide = (await site.json()).items.find(
      (i: IncidentView) => i.cause === "site_offline",
    );
    expect(siteWide).toMatchObject({ severity: "critical", nodeId: null, siteId: node.siteId });

    // Back: reporting for a minute confirms it; both incidents resolve.
    for (let i = 0; i < 7; i++) {
      await send(h, node, [sample(seq++, Date.now())], 10);
      await pass();
      advance(10);
    }
    expect((await state(node)).status).toBe("online");
    const res = await h.request(`${node.t.base}/incidents?status=open&siteId=${node.siteId}`, {
      as: node.t.owner,
    });
    expect((await res.json()).items).toEqual([]);
  });

  it("notices every entry condition on a healthy node, whatever its interval", async () => {
    const cases: [Parameters<typeof sample>[2], string][] = [
      [{ gpus: [gpu(0, { lastXid: 79 })] }, "xid_error"],
      [{ gpus: [gpu(0, { eccUncorrected: 1 })] }, "ecc_uncorrectable"],
      [{ gpus: [gpu(0, { temperatureC: 85 })] }, "gpu_temperature"],
      [{ inference: inference({ upstreamHealthy: false }) }, "upstream_unhealthy"],
      [{ inference: inference({ errorRatePct: 6 }) }, "error_rate"],
    ];
    for (const [over, code] of cases) {
      const node = await keyedNode(h);
      await report(node);
      await pass();
      expect((await state(node)).status).toBe("online");
      await report(node, over);
      await pass();
      expect((await state(node)).reasons.map((r) => r.code)).toEqual([code]);
    }
  });

  it("opens one incident per cause, never a second while one is open", async () => {
    const node = await keyedNode(h);
    const bad = { ...hot, inference: inference({ upstreamHealthy: false, errorRatePct: 30 }) };
    for (let i = 0; i < 4; i++) {
      await report(node, bad);
      await pass();
      advance(5);
    }
    const open = await incidents(node, "open");
    expect(open.map((i) => i.cause).sort()).toEqual([
      "error_rate",
      "gpu_temperature",
      "upstream_unhealthy",
    ]);
    expect(open.find((i) => i.cause === "error_rate")?.severity).toBe("minor");
  });

  it("suppresses incidents in maintenance; leaving it with the cause present opens one", async () => {
    const node = await keyedNode(h);
    await report(node);
    await pass();
    const on = await h.request(`${node.t.base}/nodes/${node.nodeId}/maintenance`, {
      method: "PUT",
      as: node.t.owner,
      body: { enabled: true, reason: "Replacing a fan" },
    });
    expect(on.status).toBe(200);
    expect(await on.json()).toMatchObject({
      status: "maintenance",
      maintenance: { reason: "Replacing a fan", by: node.t.owner.email },
    });
    await report(node, hot);
    await pass();
    await elapse(200);
    const s = await state(node);
    expect(s.status).toBe("maintenance");
    expect(s.reasons.map((r) => r.code)).toEqual(["offline", "gpu_temperature"]);
    expect(await incidents(node)).toEqual([]);
    const nodeRow = await h.request(`${node.t.base}/nodes/${node.nodeId}`, { as: node.t.owner });
    expect((await nodeRow.json()).status).toBe("maintenance");

    await report(node, hot);
    const off = await h.request(`${node.t.base}/nodes/${node.nodeId}/maintenance`, {
      method: "PUT",
      as: node.t.owner,
      body: { enabled: false },
    });
    expect(await off.json()).toMatchObject({ status: "offline", maintenance: null });
    expect((await incidents(node, "open")).map((i) => i.cause).sort()).toEqual([
      "connectivity",
      "gpu_temperature",
    ]);
    const audit = await h.deps.database.db
      .select({ action: schema.auditLog.action })
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.targetId, node.nodeId)));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["node.maintenance_started", "node.maintenance_ended"]),
    );
  });

  it("resolves the open incidents of a deleted node", async () => {
    const node = await keyedNode(h);
    await report(node, hot);
    await pass();
    const [inc] = await incidents(node, "open");
    const del = await h.request(`${node.t.base}/nodes/${node.nodeId}`, {
      method: "DELETE",
      as: node.t.owner,
    });
    expect(del.status).toBe(204);
    await pass();
    const d = await detail(node, inc?.id ?? "");
    expect(d.resolvedAt).not.toBeNull();
    expect(d.timeline.at(-1)).toMatchObject({
      kind: "resolved",
      note: expect.stringMatching(/deleted/),
    });
  });

  it("keeps a site incident for a whole-site loss only, not for one node of two", async () => {
    const first = await keyedNode(h);
    const second = await keyedNode(h, {
      t: first.t,
      siteId: (await makeSite(h, first.t, { name: "Two" })).id,
    });
    const third = await keyedNode(h, {
      t: first.t,
      siteId: second.siteId,
      node: { name: "gpu-node-02" },
    });
    await report(second);
    await report(third);
    await pass();
    await elapse(130, () => report(third));
    expect((await state(second)).status).toBe("offline");
    expect((await state(third)).status).toBe("online");
    const res = await h.request(`${first.t.base}/incidents?siteId=${second.siteId}&status=open`, {
      as: first.t.owner,
    });
    expect((await res.json()).items.map((i: IncidentView) => i.cause)).toEqual(["connectivity"]);
  });

  it("does not blame the nodes for the evaluator's own absence", async () => {
    const node = await keyedNode(h);
    await report(node);
    await pass();
    advance(600); // no pass for 10 minutes: the control plane was down
    await pass();
    expect((await state(node)).status).toBe("online");
    await elapse(130);
    expect((await state(node)).status).toBe("offline");
  });

  it("runs two concurrent passes without error or a duplicate incident", async () => {
    const node = await keyedNode(h);
    await report(node, hot);
    const job = healthJob(h.deps.database, h.deps.config.ops);
    // PGlite serialises the two transactions; on Postgres the advisory lock makes one skip.
    const [a, b] = await Promise.all([job.tick(Date.now()), job.tick(Date.now())]);
    expect([a.skipped, b.skipped]).toContain(false);
    expect(await incidents(node)).toHaveLength(1);
  });
});
