import { schema } from "@edgeplane/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../testing/harness.ts";
import { makeKey, makeNode, makeSite, newTenant } from "../api/sites/fixtures.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const whoami = (authorization?: string) =>
  h.request("/api/agent/v1/whoami", { headers: authorization ? { authorization } : {} });

async function keyed() {
  const t = await newTenant(h);
  const site = await makeSite(h, t);
  const node = await makeNode(h, t, site.id);
  return { t, site, node, ...(await makeKey(h, t, node.id)) };
}

describe("GET /api/agent/v1/whoami", () => {
  it("names the key's node, org and site", async () => {
    const { t, site, node, secret } = await keyed();
    const res = await whoami(`Bearer ${secret}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ nodeId: node.id, orgId: t.orgId, siteId: site.id });
  });

  it("follows the node to another site at once", async () => {
    const { t, node, secret } = await keyed();
    expect((await whoami(`Bearer ${secret}`)).status).toBe(200);
    const other = await makeSite(h, t, { name: "New Room" });
    const moved = await h.request(`${t.base}/nodes/${node.id}`, {
      method: "PATCH",
      as: t.owner,
      body: { siteId: other.id },
    });
    expect(moved.status).toBe(200);
    expect((await (await whoami(`Bearer ${secret}`)).json()).siteId).toBe(other.id);
  });

  it("answers 401 problem JSON for a missing, malformed or unknown key", async () => {
    const { t, secret } = await keyed();
    const unknown = `epn_${"A".repeat(secret.length - 4)}`;
    for (const header of [
      undefined,
      "",
      `Basic ${secret}`,
      secret,
      "Bearer epn_",
      "Bearer epn_short",
      `Bearer ${unknown}`,
      `Bearer ${secret}x`,
      t.owner.headers.authorization,
    ]) {
      const res = await whoami(header);
      expect(res.status, String(header)).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await res.json()).toMatchObject({ code: "unauthorized", status: 401 });
    }
  });

  it("refuses revoked and expired keys", async () => {
    const { t, node, key, secret } = await keyed();
    expect((await whoami(`Bearer ${secret}`)).status).toBe(200);
    await h.request(`${t.base}/nodes/${node.id}/keys/${key.id}`, { method: "DELETE", as: t.owner });
    const revoked = await whoami(`Bearer ${secret}`);
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).detail).toMatch(/revoked/);

    const expiring = await makeKey(h, t, node.id, {
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    });
    await h.deps.database.db
      .update(schema.nodeKeys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(schema.nodeKeys.id, expiring.key.id));
    const expired = await whoami(`Bearer ${expiring.secret}`);
    expect(expired.status).toBe(401);
    expect((await expired.json()).detail).toMatch(/expired/);
  });

  it("guards the whole agent surface: unknown paths are 401 without a key, 404 with one", async () => {
    const { secret } = await keyed();
    expect((await h.request("/api/agent/v1/nope")).status).toBe(401);
    const res = await h.request("/api/agent/v1/nope", {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(res.status).toBe(404);
  });
});
