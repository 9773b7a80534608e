import { schema } from "@edgeplane/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../../testing/harness.ts";
import {
  makeNode,
  makeSite,
  member,
  newTenant,
  problemPaths,
  siteBody,
  type Tenant,
} from "./fixtures.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const auditActions = async (targetId: string) =>
  (
    await h.deps.database.db
      .select({ action: schema.auditLog.action })
      .from(schema.auditLog)
      .where(eq(schema.auditLog.targetId, targetId))
  ).map((r) => r.action);

describe("sites: happy paths", () => {
  it("creates a site with the region derived from the country and the country's name", async () => {
    const t = await newTenant(h);
    const res = await h.request(`${t.base}/sites`, {
      method: "POST",
      as: t.owner,
      body: siteBody({ country: "de", energyPricePerKwh: 0.19, currency: "eur", pue: 1.6 }),
    });
    expect(res.status).toBe(201);
    const site = await res.json();
    expect(site).toMatchObject({
      name: "Nairobi West Telecom Room",
      country: "DE",
      countryName: "Germany",
      region: "eu",
      status: "active",
      energyPricePerKwh: 0.19,
      currency: "EUR",
      pue: 1.6,
      nodeCount: 0,
      power: { capacityKw: 40, allocatedKw: 0, headroomKw: 40 },
    });
    expect(site.id).toMatch(/^site_/);
    expect(await auditActions(site.id)).toEqual(["site.created"]);
  });

  it("keeps an explicit region, and a new country brings its own default region", async () => {
    const t = await newTenant(h);
    const site = await makeSite(h, t, { country: "US", region: "latin-america" });
    expect(site.region).toBe("latin-america");
    const res = await h.request(`${t.base}/sites/${site.id}`, {
      method: "PATCH",
      as: t.owner,
      body: { country: "NG", status: "commissioning" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      country: "NG",
      region: "africa",
      status: "commissioning",
    });
    expect(await auditActions(site.id)).toEqual(["site.created", "site.updated"]);
  });

  it("shows node count and power headroom from the nodes' total draw", async () => {
    const t = await newTenant(h);
    const site = await makeSite(h, t, { powerCapacityKw: 10 });
    await makeNode(h, t, site.id, { powerDrawW: 2500 });
    await makeNode(h, t, site.id, { powerDrawW: 1500 });
    const got = await (await h.request(`${t.base}/sites/${site.id}`, { as: t.owner })).json();
    expect(got.nodeCount).toBe(2);
    expect(got.power).toEqual({ capacityKw: 10, allocatedKw: 4, headroomKw: 6 });
  });

  it("lists newest first with a keyset cursor, total, search and filters", async () => {
    const t = await newTenant(h);
    const a = await makeSite(h, t, {
      name: "Lagos Bank Vault",
      city: "Lagos",
      country: "NG",
      siteType: "bank",
    });
    const b = await makeSite(h, t, {
      name: "Tartu University",
      city: "Tartu",
      country: "EE",
      siteType: "university",
    });
    const c = await makeSite(h, t, { name: "100%_edge", city: "Nairobi", status: "retired" });
    const page1 = await (await h.request(`${t.base}/sites?limit=2`, { as: t.owner })).json();
    expect(page1.items.map((s: { id: string }) => s.id)).toEqual([c.id, b.id]);
    expect(page1.total).toBe(3);
    const page2 = await (
      await h.request(`${t.base}/sites?limit=2&cursor=${page1.nextCursor}`, { as: t.owner })
    ).json();
    expect(page2.items.map((s: { id: string }) => s.id)).toEqual([a.id]);
    expect(page2.nextCursor).toBeNull();

    const ids = async (qs: string) =>
      (await (await h.request(`${t.base}/sites?${qs}`, { as: t.owner })).json()).items.map(
        (s: { id: string }) => s.id,
      );
    expect(await ids("q=tartu")).toEqual([b.id]);
    expect(await ids("q=lagos")).toEqual([a.id]);
    expect(await ids(`q=${encodeURIComponent("%_")}`)).toEqual([c.id]);
    expect(await ids(`q=${encodeURIComponent("_")}`)).toEqual([c.id]);
    expect(await ids("siteType=bank")).toEqual([a.id]);
    expect(await ids("country=ee")).toEqual([b.id]);
    expect(await ids("region=eu")).toEqual([b.id]);
    expect(await ids("status=retired")).toEqual([c.id]);
  });

  it("deletes a site without nodes; refuses with 409 while nodes are attached", async () => {
    const t = await newTenant(h);
    const empty = await makeSite(h, t);
    expect(
      (await h.request(`${t.base}/sites/${empty.id}`, { method: "DELETE", as: t.owner })).status,
    ).toBe(204);
    expect((await h.request(`${t.base}/sites/${empty.id}`, { as: t.owner })).status).toBe(404);
    expect(await auditActions(empty.id)).toEqual(["site.created", "site.deleted"]);

    const busy = await makeSite(h, t);
    await makeNode(h, t, busy.id);
    const res = await h.request(`${t.base}/sites/${busy.id}`, { method: "DELETE", as: t.owner });
    expect(res.status).toBe(409);
    expect((await res.json()).detail).toMatch(/retire/);
    const retire = await h.request(`${t.base}/sites/${busy.id}`, {
      method: "PATCH",
      as: t.owner,
      body: { status: "retired" },
    });
    expect(retire.status).toBe(200);
    expect((await retire.json()).status).toBe("retired");
  });
});

describe("sites: invalid input names each field", () => {
  let t: Tenant;
  beforeAll(async () => {
    t = await newTenant(h);
  });

  it("on create", async () => {
    const res = await h.request(`${t.base}/sites`, {
      method: "POST",
      as: t.owner,
      body: {
        name: " ",
        city: "x".repeat(121),
        country: "XX",
        powerCapacityKw: 0,
        siteType: "castle",
        connectivityTier: "tier_9",
        pue: 0.5,
        region: "mars",
      },
    });
    expect(res.status).toBe(400);
    expect(await problemPaths(res)).toEqual([
      "city",
      "connectivityTier",
      "country",
      "name",
      "powerCapacityKw",
      "pue",
      "region",
      "siteType",
    ]);
  });

  it("asks for a currency with an energy price, on create and on update", async () => {
    const res = await h.request(`${t.base}/sites`, {
      method: "POST",
      as: t.owner,
      body: siteBody({ energyPricePerKwh: 0.2 }),
    });
    expect(res.status).toBe(400);
    expect(await problemPaths(res)).toEqual(["currency"]);
    const site = await makeSite(h, t);
    const patch = await h.request(`${t.base}/sites/${site.id}`, {
      method: "PATCH",
      as: t.owner,
      body: { energyPricePerKwh: 0.2 },
    });
    expect(patch.status).toBe(400);
    expect(await problemPaths(patch)).toEqual(["currency"]);
  });

  it("on update, on list and for an unknown site", async () => {
    const site = await makeSite(h, t);
    const patch = await h.request(`${t.base}/sites/${site.id}`, {
      method: "PATCH",
      as: t.owner,
      body: { powerCapacityKw: -3, status: "demolished" },
    });
    expect(await problemPaths(patch)).toEqual(["powerCapacityKw", "status"]);
    const empty = await h.request(`${t.base}/sites/${site.id}`, {
      method: "PATCH",
      as: t.owner,
      body: {},
    });
    expect(empty.status).toBe(400);
    const list = await h.request(`${t.base}/sites?limit=500&cursor=nope&siteType=x`, {
      as: t.owner,
    });
    expect(await problemPaths(list)).toEqual(["cursor", "limit", "siteType"]);
    expect((await h.request(`${t.base}/sites/site_nope`, { as: t.owner })).status).toBe(404);
  });
});

describe("sites: security", () => {
  it("answers 404 to another tenant for every route", async () => {
    const t = await newTenant(h);
    const other = await newTenant(h, "Other Co");
    const site = await makeSite(h, t);
    const as = other.owner;
    expect((await h.request(`${t.base}/sites`, { as })).status).toBe(404);
    expect(
      (await h.request(`${t.base}/sites`, { method: "POST", as, body: siteBody() })).status,
    ).toBe(404);
    // Through their own org, the site does not exist either.
    for (const base of [t.base, other.base]) {
      expect((await h.request(`${base}/sites/${site.id}`, { as })).status).toBe(404);
      const patch = await h.request(`${base}/sites/${site.id}`, {
        method: "PATCH",
        as,
        body: { name: "Mine" },
      });
      expect(patch.status).toBe(404);
      expect((await h.request(`${base}/sites/${site.id}`, { method: "DELETE", as })).status).toBe(
        404,
      );
    }
    expect((await h.request(`${other.base}/sites`, { as })).status).toBe(200);
    const still = await (await h.request(`${t.base}/sites/${site.id}`, { as: t.owner })).json();
    expect(still.name).toBe(site.name);
  });

  it("lets a viewer read but not create, change or delete (403)", async () => {
    const t = await newTenant(h);
    const site = await makeSite(h, t);
    const viewer = await member(h, t, "viewer");
    expect((await h.request(`${t.base}/sites`, { as: viewer })).status).toBe(200);
    expect((await h.request(`${t.base}/sites/${site.id}`, { as: viewer })).status).toBe(200);
    const post = await h.request(`${t.base}/sites`, {
      method: "POST",
      as: viewer,
      body: siteBody(),
    });
    expect(post.status).toBe(403);
    expect((await post.json()).code).toBe("forbidden");
    const patch = await h.request(`${t.base}/sites/${site.id}`, {
      method: "PATCH",
      as: viewer,
      body: { name: "X1" },
    });
    expect(patch.status).toBe(403);
    expect(
      (await h.request(`${t.base}/sites/${site.id}`, { method: "DELETE", as: viewer })).status,
    ).toBe(403);
    const opsLead = await member(h, t, "ops_lead");
    const byLead = await h.request(`${t.base}/sites`, {
      method: "POST",
      as: opsLead,
      body: siteBody(),
    });
    expect(byLead.status).toBe(201);
  });

  it("refuses a request without an access token (401)", async () => {
    const t = await newTenant(h);
    expect((await h.request(`${t.base}/sites`)).status).toBe(401);
  });
});
