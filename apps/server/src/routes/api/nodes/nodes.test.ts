import { schema } from "@edgeplane/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../../testing/harness.ts";
import {
  makeKey,
  makeNode,
  makeSite,
  member,
  newTenant,
  nodeBody,
  problemPaths,
  type Tenant,
} from "../sites/fixtures.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const post = (t: Tenant, body: unknown, as = t.owner) =>
  h.request(`${t.base}/nodes`, { method: "POST", as, body });

describe("nodes: happy paths", () => {
  it("registers a pending node, suggesting its draw from the accelerator catalogue", async () => {
    const t = await newTenant(h);
    const site = await makeSite(h, t);
    const { powerDrawW: _omit, ...body } = nodeBody(site.id, {
      acceleratorType: "nvidia-h100-sxm",
      gpuCount: 8,
      labels: { rack: "r12", "gpu.vendor": "nvidia" },
    });
    const res = await post(t, body);
    expect(res.status).toBe(201);
    const node = await res.json();
    expect(node).toMatchObject({
      siteId: site.id,
      siteName: site.name,
      status: "pending",
      gpuCount: 8,
      powerDrawW: 7840,
      accelerator: { label: "NVIDIA H100 SXM", boardPowerW: 700, memoryGb: 80 },
      labels: { rack: "r12", "gpu.vendor": "nvidia" },
      capacityWarning: null,
    });
    expect(node.id).toMatch(/^node_/);
  });

  it("accepts free-text accelerators with an explicit draw", async () => {
    const t = await newTenant(h);
    const site = await makeSite(h, t);
    const node = await makeNode(h, t, site.id, {
      acceleratorType: "Intel Gaudi 3",
      powerDrawW: 7000,
    });
    expect(node).toMatchObject({
      acceleratorType: "Intel Gaudi 3",
      accelerator: null,
      powerDrawW: 7000,
    });
  });

  it("warns, not refuses, beyond the site's power capacity and records why", async () => {
    const t = await newTenant(h);
    const site = await makeSite(h, t, { powerCapacityKw: 5 });
    const first = await makeNode(h, t, site.id, { powerDrawW: 4000 });
    expect(first.capacityWarning).toBeNull();
    const second = await makeNode(h, t, site.id, { powerDrawW: 2000 });
    expect(second.capacityWarning).toMatch(/5 kW of capacity; its nodes would draw 6 kW \(120 %\)/);
    const [audit] = await h.deps.database.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.targetId, second.id));
    expect(audit?.action).toBe("node.registered");
    expect(audit?.details.capacityWarning).toBe(second.capacityWarning);
    // Lowering the draw clears the warning.
    const patched = await h.request(`${t.base}/nodes/${second.id}`, {
      method: "PATCH",
      as: t.owner,
      body: { powerDrawW: 900 },
    });
    expect((await patched.json()).capacityWarning).toBeNull();
  });

  it("lists with cursor, total, search and filters", async () => {
    const t = await newTenant(h);
    const s1 = await makeSite(h, t);
    const s2 = await makeSite(h, t, { name: "Kampala Hospital", siteType: "hospital" });
    const a = await makeNode(h, t, s1.id, { name: "alpha", externalId: "SN-100_A" });
    const b = await makeNode(h, t, s2.id, { name: "beta", acceleratorType: "nvidia-l4" });
    const c = await makeNode(h, t, s2.id, { name: "gamma" });
    const ids = async (qs: string) =>
      (await (await h.request(`${t.base}/nodes?${qs}`, { as: t.owner })).json()).items.map(
        (n: { id: string }) => n.id,
      );
    const page1 = await (await h.request(`${t.base}/nodes?limit=2`, { as: t.owner })).json();
    expect(page1.items.map((n: { id: string }) => n.id)).toEqual([c.id, b.id]);
    expect(page1.total).toBe(3);
    expect(await ids(`limit=2&cursor=${page1.nextCursor}`)).toEqual([a.id]);
    expect(await ids(`siteId=${s2.id}`)).toEqual([c.id, b.id]);
    expect(await ids("acceleratorType=nvidia-l4")).toEqual([b.id]);
    expect(await ids("q=ALP")).toEqual([a.id]);
    expect(await ids("q=100_a")).toEqual([a.id]);
    expect(await ids("q=%25")).toEqual([]);
    expect(await ids("status=pending")).toHaveLength(3);
    expect(await ids("status=online")).toEqual([]);
  });

  it("gets, changes (moving sites, replacing labels) and deletes a node with its keys", async () => {
    const t = await newTenant(h);
    const s1 = await makeSite(h, t);
    const s2 = await makeSite(h, t, { name: "Second Room" });
    const node = await makeNode(h, t, s1.id, { labels: { a: "1" } });
    const got = await (await h.request(`${t.base}/nodes/${node.id}`, { as: t.owner })).json();
    expect(got).toEqual(node);
    const res = await h.request(`${t.base}/nodes/${node.id}`, {
      method: "PATCH",
      as: t.owner,
      body: { siteId: s2.id, labels: { b: "2" }, name: "renamed", latencyEstimateMs: null },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      siteId: s2.id,
      siteName: "Second Room",
      labels: { b: "2" },
      name: "renamed",
      latencyEstimateMs: null,
    });
    const { secret } = await makeKey(h, t, node.id);
    const del = await h.request(`${t.base}/nodes/${node.id}`, { method: "DELETE", as: t.owner });
    expect(del.status).toBe(204);
    expect((await h.request(`${t.base}/nodes/${node.id}`, { as: t.owner })).status).toBe(404);
    const whoami = await h.request("/api/agent/v1/whoami", {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(whoami.status).toBe(401);
    const actions = await h.deps.database.db
      .select({ action: schema.auditLog.action })
      .from(schema.auditLog)
      .where(eq(schema.auditLog.targetId, node.id));
    expect(actions.map((a) => a.action)).toEqual([
      "node.registered",
      "node.updated",
      "node.deleted",
    ]);
  });
});

describe("nodes: invalid input and conflicts", () => {
  let t: Tenant;
  let siteId: string;
  beforeAll(async () => {
    t = await newTenant(h);
    siteId = (await makeSite(h, t)).id;
  });

  it("names each invalid field", async () => {
    const res = await post(t, {
      siteId: "not-a-site",
      name: "",
      externalId: "has spaces",
      acceleratorType: "x".repeat(81),
      gpuCount: 65,
      powerDrawW: -1,
      latencyEstimateMs: "fast",
      labels: { "bad key!": "v" },
    });
    expect(res.status).toBe(400);
    const paths = await problemPaths(res);
    for (const p of [
      "siteId",
      "name",
      "externalId",
      "acceleratorType",
      "gpuCount",
      "powerDrawW",
      "latencyEstimateMs",
    ]) {
      expect(paths).toContain(p);
    }
    expect(paths.some((p) => p.startsWith("labels"))).toBe(true);
    const zero = await post(t, nodeBody(siteId, { gpuCount: 0 }));
    expect(await problemPaths(zero)).toEqual(["gpuCount"]);
  });

  it("asks for a draw when the accelerator is outside the catalogue", async () => {
    const { powerDrawW: _omit, ...body } = nodeBody(siteId, { acceleratorType: "Custom ASIC" });
    const res = await post(t, body);
    expect(res.status).toBe(400);
    expect(await problemPaths(res)).toEqual(["powerDrawW"]);
  });

  it("answers 409 for a duplicate external id, on create and on update", async () => {
    const first = await makeNode(h, t, siteId, { externalId: "DUP-1" });
    const dup = await post(t, nodeBody(siteId, { externalId: "DUP-1" }));
    expect(dup.status).toBe(409);
    expect(await problemPaths(dup)).toEqual(["externalId"]);
    const other = await makeNode(h, t, siteId);
    const patch = await h.request(`${t.base}/nodes/${other.id}`, {
      method: "PATCH",
      as: t.owner,
      body: { externalId: "DUP-1" },
    });
    expect(patch.status).toBe(409);
    // The same external id is fine in another org.
    const t2 = await newTenant(h);
    const s2 = await makeSite(h, t2);
    expect((await post(t2, nodeBody(s2.id, { externalId: "DUP-1" }))).status).toBe(201);
    expect(first.externalId).toBe("DUP-1");
  });

  it("refuses a retired site (409) and another org's site (400 naming siteId)", async () => {
    const retired = await makeSite(h, t, { status: "retired" });
    const res = await post(t, nodeBody(retired.id));
    expect(res.status).toBe(409);
    expect(await problemPaths(res)).toEqual(["siteId"]);
    const other = await newTenant(h);
    const foreign = await makeSite(h, other);
    const cross = await post(t, nodeBody(foreign.id));
    expect(cross.status).toBe(400);
    expect(await problemPaths(cross)).toEqual(["siteId"]);
    const node = await makeNode(h, t, siteId);
    const move = await h.request(`${t.base}/nodes/${node.id}`, {
      method: "PATCH",
      as: t.owner,
      body: { siteId: retired.id },
    });
    expect(move.status).toBe(409);
    const count = await h.deps.database.db
      .select()
      .from(schema.nodes)
      .where(eq(schema.nodes.siteId, foreign.id));
    expect(count).toEqual([]);
  });
});

describe("nodes: security", () => {
  it("answers 404 to another tenant", async () => {
    const t = await newTenant(h);
    const other = await newTenant(h);
    const site = await makeSite(h, t);
    const node = await makeNode(h, t, site.id);
    const as = other.owner;
    expect((await h.request(`${t.base}/nodes`, { as })).status).toBe(404);
    expect(
      (await h.request(`${t.base}/nodes`, { method: "POST", as, body: nodeBody(site.id) })).status,
    ).toBe(404);
    for (const base of [t.base, other.base]) {
      expect((await h.request(`${base}/nodes/${node.id}`, { as })).status).toBe(404);
      const patch = await h.request(`${base}/nodes/${node.id}`, {
        method: "PATCH",
        as,
        body: { name: "x" },
      });
      expect(patch.status).toBe(404);
      expect((await h.request(`${base}/nodes/${node.id}`, { method: "DELETE", as })).status).toBe(
        404,
      );
    }
    const list = await (await h.request(`${other.base}/nodes`, { as })).json();
    expect(list.items).toEqual([]);
  });

  it("lets a viewer read but not register, change or delete (403)", async () => {
    const t = await newTenant(h);
    const site = await makeSite(h, t);
    const node = await makeNode(h, t, site.id);
    const viewer = await member(h, t, "viewer");
    expect((await h.request(`${t.base}/nodes`, { as: viewer })).status).toBe(200);
    expect((await h.request(`${t.base}/nodes/${node.id}`, { as: viewer })).status).toBe(200);
    expect((await post(t, nodeBody(site.id), viewer)).status).toBe(403);
    const patch = await h.request(`${t.base}/nodes/${node.id}`, {
      method: "PATCH",
      as: viewer,
      body: { name: "x" },
    });
    expect(patch.status).toBe(403);
    expect(
      (await h.request(`${t.base}/nodes/${node.id}`, { method: "DELETE", as: viewer })).status,
    ).toBe(403);
    const engineer = await member(h, t, "infra_engineer");
    expect((await post(t, nodeBody(site.id), engineer)).status).toBe(201);
  });
});
