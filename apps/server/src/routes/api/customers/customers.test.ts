import { slaTargets } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../../testing/harness.ts";
import { member, newTenant, problemPaths, type Tenant } from "../sites/fixtures.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

async function customer(t: Tenant, body: Record<string, unknown> = {}) {
  const res = await h.request(`${t.base}/customers`, {
    method: "POST",
    as: t.owner,
    body: { name: "Acme Bank", ...body },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; [k: string]: unknown };
}

describe("customers", () => {
  it("creates a customer with defaults, SLA targets and an audit row", async () => {
    const t = await newTenant(h);
    const c = await customer(t, {
      contactName: "Wanjiru K.",
      contactEmail: "wanjiru@acme.example",
      slaTier: "priority",
      dataResidency: ["ke", "NG"],
    });
    expect(c.id).toMatch(/^cus_/);
    expect(c).toMatchObject({
      supportTier: "basic",
      slaTier: "priority",
      sla: slaTargets.priority,
      dataResidency: ["KE", "NG"],
      status: "active",
      activeKeys: 0,
    });
    expect((c.allowedRegions as string[]).length).toBe(8);
    const audit = await h.deps.database.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.targetId, c.id));
    expect(audit.map((a) => a.action)).toEqual(["customer.created"]);
  });

  it("lists, filters, searches, pages, updates and deletes", async () => {
    const t = await newTenant(h);
    const a = await customer(t, { name: "Alpha Telco" });
    await customer(t, { name: "Beta Hospital", slaTier: "dedicated" });
    await customer(t, { name: "Gamma University", contactEmail: "it@gamma.example" });
    const page1 = await (await h.request(`${t.base}/customers?limit=2`, { as: t.owner })).json();
    expect(page1.total).toBe(3);
    expect(page1.items.map((c: { name: string }) => c.name)).toEqual([
      "Gamma University",
      "Beta Hospital",
    ]);
    const page2 = await (
      await h.request(`${t.base}/customers?limit=2&cursor=${page1.nextCursor}`, { as: t.owner })
    ).json();
    expect(page2.items.map((c: { name: string }) => c.name)).toEqual(["Alpha Telco"]);
    expect(page2.nextCursor).toBeNull();
    const dedicated = await (
      await h.request(`${t.base}/customers?slaTier=dedicated`, { as: t.owner })
    ).json();
    expect(dedicated.total).toBe(1);
    const search = await (
      await h.request(`${t.base}/customers?q=gamma.ex`, { as: t.owner })
    ).json();
    expect(search.items.map((c: { name: string }) => c.name)).toEqual(["Gamma University"]);
    const patched = await h.request(`${t.base}/customers/${a.id}`, {
      method: "PATCH",
      as: t.owner,
      body: { allowedRegions: ["eu"], dataResidency: null, supportTier: "enterprise" },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      allowedRegions: ["eu"],
      supportTier: "enterprise",
    });
    const del = await h.request(`${t.base}/customers/${a.id}`, { method: "DELETE", as: t.owner });
    expect(del.status).toBe(204);
    expect((await h.request(`${t.base}/customers/${a.id}`, { as: t.owner })).status).toBe(404);
  });

  it("names each invalid field", async () => {
    const t = await newTenant(h);
    const res = await h.request(`${t.base}/customers`, {
      method: "POST",
      as: t.owner,
      body: {
        name: "",
        contactEmail: "not-an-email",
        slaTier: "gold",
        allowedRegions: [],
        dataResidency: ["XX"],
      },
    });
    expect(res.status).toBe(400);
    expect(await problemPaths(res)).toEqual([
      "allowedRegions",
      "contactEmail",
      "dataResidency.0",
      "name",
      "slaTier",
    ]);
    const empty = await h.request(`${t.base}/customers/cus_1111111111111111111111`, {
      method: "PATCH",
      as: t.owner,
      body: {},
    });
    expect(empty.status).toBe(400);
  });

  it("another org's customer is a 404; a viewer reads but cannot write", async () => {
    const t = await newTenant(h);
    const other = await newTenant(h, "Other Co");
    const c = await customer(other);
    for (const [method, body] of [
      ["GET", undefined],
      ["PATCH", { name: "x" }],
      ["DELETE", undefined],
    ] as const) {
      const res = await h.request(`${t.base}/customers/${c.id}`, { method, as: t.owner, body });
      expect(res.status).toBe(404);
    }
    const viewer = await member(h, t, "viewer");
    expect((await h.request(`${t.base}/customers`, { as: viewer })).status).toBe(200);
    const denied = await h.request(`${t.base}/customers`, {
      method: "POST",
      as: viewer,
      body: { name: "Nope" },
    });
    expect(denied.status).toBe(403);
    const engineer = await member(h, t, "customer_engineer");
    const allowed = await h.request(`${t.base}/customers`, {
      method: "POST",
      as: engineer,
      body: { name: "Yes" },
    });
    expect(allowed.status).toBe(201);
    expect((await h.request(`${other.base}/customers`, { as: t.owner })).status).toBe(404);
  });
});
