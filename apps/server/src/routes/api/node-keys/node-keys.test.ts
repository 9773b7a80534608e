import { createHash } from "node:crypto";
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
  problemPaths,
  type Tenant,
} from "../sites/fixtures.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

async function fleet(name?: string) {
  const t = await newTenant(h, name);
  const site = await makeSite(h, t);
  const node = await makeNode(h, t, site.id);
  return { t, site, node };
}

const whoami = (secret: string) =>
  h.request("/api/agent/v1/whoami", { headers: { authorization: `Bearer ${secret}` } });

const listKeys = async (t: Tenant, qs = "") =>
  (await (await h.request(`${t.base}/node-keys?${qs}`, { as: t.owner })).json()) as {
    items: { id: string; state: string; [k: string]: unknown }[];
    total: number;
    nextCursor: string | null;
  };

describe("node keys: issue and list", () => {
  it("returns the secret once and stores only its SHA-256 hash and start", async () => {
    const { t, node } = await fleet();
    const res = await h.request(`${t.base}/nodes/${node.id}/keys`, {
      method: "POST",
      as: t.owner,
      body: { name: "agent-primary" },
    });
    expect(res.status).toBe(201);
    const { key, secret } = await res.json();
    expect(secret).toMatch(/^epn_[1-9A-HJ-NP-Za-km-z]{22,}$/);
    expect(key).toMatchObject({
      nodeId: node.id,
      name: "agent-primary",
      state: "active",
      expiresAt: null,
    });
    expect(key.id).toMatch(/^nk_/);
    expect(secret.startsWith(key.start)).toBe(true);
    expect(key.start).toHaveLength(10);
    const [row] = await h.deps.database.db
      .select()
      .from(schema.nodeKeys)
      .where(eq(schema.nodeKeys.id, key.id));
    expect(row?.hash).toBe(createHash("sha256").update(secret).digest("hex"));
    const listed = await listKeys(t);
    expect(listed.items).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(JSON.stringify(listed)).not.toContain(row?.hash);
    expect(listed.items[0]).toMatchObject({
      id: key.id,
      start: key.start,
      node: { id: node.id, name: node.name, externalId: node.externalId },
      lastUsedAt: null,
      revokedAt: null,
    });
  });

  it("accepts a body-less request and an expiry; lists keys of the org with state filters", async () => {
    const { t, node } = await fleet();
    const res = await h.request(`${t.base}/nodes/${node.id}/keys`, { method: "POST", as: t.owner });
    expect(res.status).toBe(201);
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const second = await makeKey(h, t, node.id, { expiresAt });
    expect(second.key.expiresAt).toBe(expiresAt);
    const other = await makeNode(h, t, (await makeSite(h, t)).id);
    const third = await makeKey(h, t, other.id);
    await h.request(`${t.base}/nodes/${other.id}/keys/${third.key.id}`, {
      method: "DELETE",
      as: t.owner,
    });
    expect((await listKeys(t)).total).toBe(3);
    expect((await listKeys(t, `nodeId=${other.id}`)).items.map((k) => k.id)).toEqual([
      third.key.id,
    ]);
    expect((await listKeys(t, "state=revoked")).items.map((k) => k.id)).toEqual([third.key.id]);
    expect((await listKeys(t, "state=active")).total).toBe(2);
    expect((await listKeys(t, "state=expired")).total).toBe(0);
    const page = await listKeys(t, "limit=1");
    expect(page.items[0]?.id).toBe(third.key.id);
    expect((await listKeys(t, `limit=2&cursor=${page.nextCursor}`)).items).toHaveLength(2);
  });
});

describe("node keys: revoke and rotate", () => {
  it("revokes: the agent is refused at once, a second revoke is 409, the audit has it", async () => {
    const { t, node } = await fleet();
    const { key, secret } = await makeKey(h, t, node.id);
    expect((await whoami(secret)).status).toBe(200);
    const url = `${t.base}/nodes/${node.id}/keys/${key.id}`;
    expect((await h.request(url, { method: "DELETE", as: t.owner })).status).toBe(204);
    const refused = await whoami(secret);
    expect(refused.status).toBe(401);
    expect((await refused.json()).detail).toMatch(/revoked/);
    expect((await h.request(url, { method: "DELETE", as: t.owner })).status).toBe(409);
    const audit = await h.deps.database.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.targetId, key.id));
    expect(audit.map((a) => a.action)).toEqual(["node_key.created", "node_key.revoked"]);
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it("rotates: the new key works, the old one for the grace period only", async () => {
    const { t, node } = await fleet();
    const old = await makeKey(h, t, node.id, { name: "k1" });
    const before = Date.now();
    const res = await h.request(`${t.base}/nodes/${node.id}/keys/${old.key.id}/rotate`, {
      method: "POST",
      as: t.owner,
    });
    expect(res.status).toBe(201);
    const rotated = await res.json();
    expect(rotated.key.name).toBe("k1");
    expect(rotated.secret).not.toBe(old.secret);
    const graceMs = Date.parse(rotated.previous.expiresAt) - before;
    expect(graceMs).toBeGreaterThan(86_400_000 - 5000);
    expect(graceMs).toBeLessThanOrEqual(86_400_000 + 5000);
    expect((await whoami(old.secret)).status).toBe(200);
    expect((await whoami(rotated.secret)).status).toBe(200);
    const listed = await listKeys(t);
    expect(listed.items.find((k) => k.id === old.key.id)?.replacedById).toBe(rotated.key.id);

    const again = await h.request(`${t.base}/nodes/${node.id}/keys/${rotated.key.id}/rotate`, {
      method: "POST",
      as: t.owner,
      body: { gracePeriodSeconds: 0 },
    });
    expect(again.status).toBe(201);
    const third = await again.json();
    const refused = await whoami(rotated.secret);
    expect(refused.status).toBe(401);
    expect((await refused.json()).detail).toMatch(/expired/);
    expect((await whoami(third.secret)).status).toBe(200);
    // Only an active key can be rotated.
    const stale = await h.request(`${t.base}/nodes/${node.id}/keys/${rotated.key.id}/rotate`, {
      method: "POST",
      as: t.owner,
    });
    expect(stale.status).toBe(409);
  });

  it("names invalid fields and answers 404 for unknown nodes and keys", async () => {
    const { t, node } = await fleet();
    const bad = await h.request(`${t.base}/nodes/${node.id}/keys`, {
      method: "POST",
      as: t.owner,
      body: { name: "", expiresAt: "2001-01-01T00:00:00Z" },
    });
    expect(bad.status).toBe(400);
    expect(await problemPaths(bad)).toEqual(["expiresAt", "name"]);
    const notDate = await h.request(`${t.base}/nodes/${node.id}/keys`, {
      method: "POST",
      as: t.owner,
      body: { expiresAt: "tomorrow" },
    });
    expect(await problemPaths(notDate)).toEqual(["expiresAt"]);
    const { key } = await makeKey(h, t, node.id);
    const grace = await h.request(`${t.base}/nodes/${node.id}/keys/${key.id}/rotate`, {
      method: "POST",
      as: t.owner,
      body: { gracePeriodSeconds: -1 },
    });
    expect(await problemPaths(grace)).toEqual(["gracePeriodSeconds"]);
    const missing = await h.request(`${t.base}/nodes/node_missing/keys`, {
      method: "POST",
      as: t.owner,
    });
    expect(missing.status).toBe(404);
    const otherNode = await makeNode(h, t, node.siteId);
    const wrongNode = await h.request(`${t.base}/nodes/${otherNode.id}/keys/${key.id}`, {
      method: "DELETE",
      as: t.owner,
    });
    expect(wrongNode.status).toBe(404);
    const list = await h.request(`${t.base}/node-keys?state=lost&nodeId=x`, { as: t.owner });
    expect(await problemPaths(list)).toEqual(["nodeId", "state"]);
  });
});

describe("node keys: security", () => {
  it("answers 404 to another tenant", async () => {
    const { t, node } = await fleet();
    const { key, secret } = await makeKey(h, t, node.id);
    const other = await newTenant(h);
    const as = other.owner;
    expect((await h.request(`${t.base}/node-keys`, { as })).status).toBe(404);
    for (const base of [t.base, other.base]) {
      expect(
        (await h.request(`${base}/nodes/${node.id}/keys`, { method: "POST", as })).status,
      ).toBe(404);
      const url = `${base}/nodes/${node.id}/keys/${key.id}`;
      expect((await h.request(url, { method: "DELETE", as })).status).toBe(404);
      expect((await h.request(`${url}/rotate`, { method: "POST", as })).status).toBe(404);
    }
    expect((await listKeys(other)).items).toEqual([]);
    expect((await whoami(secret)).status).toBe(200);
  });

  it("a replacement keeps the rotated key's expiry unless the rotation names another", async () => {
    const { t, node } = await fleet();
    const in30Days = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const old = await makeKey(h, t, node.id, { expiresAt: in30Days });
    const rotate = async (id: string, body: Record<string, unknown>) => {
      const res = await h.request(`${t.base}/nodes/${node.id}/keys/${id}/rotate`, {
        method: "POST",
        as: t.owner,
        body,
      });
      expect(res.status).toBe(201);
      return (await res.json()).key as { id: string; expiresAt: string | null };
    };
    const kept = await rotate(old.key.id, {});
    expect(kept.expiresAt).toBe(in30Days);
    const never = await rotate(kept.id, { expiresAt: null });
    expect(never.expiresAt).toBeNull();
    expect((await rotate(never.id, {})).expiresAt).toBeNull();
  });

  it("lets a viewer list keys but not issue, revoke or rotate them (403)", async () => {
    const { t, node } = await fleet();
    const { key, secret } = await makeKey(h, t, node.id);
    const viewer = await member(h, t, "viewer");
    expect((await h.request(`${t.base}/node-keys`, { as: viewer })).status).toBe(200);
    const url = `${t.base}/nodes/${node.id}/keys`;
    expect((await h.request(url, { method: "POST", as: viewer })).status).toBe(403);
    expect((await h.request(`${url}/${key.id}`, { method: "DELETE", as: viewer })).status).toBe(
      403,
    );
    expect(
      (await h.request(`${url}/${key.id}/rotate`, { method: "POST", as: viewer })).status,
    ).toBe(403);
    // ops_lead manages sites and nodes, not keys.
    const lead = await member(h, t, "ops_lead");
    expect((await h.request(url, { method: "POST", as: lead })).status).toBe(403);
    expect((await whoami(secret)).status).toBe(200);
  });
});
