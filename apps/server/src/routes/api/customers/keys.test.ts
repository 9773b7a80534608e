import { createHash } from "node:crypto";
import { schema } from "@edgeplane/db";
import { eq } from "drizzle-orm";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatModel, type GatewayBed, startGatewayBed } from "../../../gateway/testing/kit.ts";
import { member, newTenant, problemPaths, type Tenant } from "../sites/fixtures.ts";

let bed: GatewayBed;
let t: Tenant;
let customerId: string;

beforeAll(async () => {
  bed = await startGatewayBed();
  t = await bed.tenant();
  await bed.node(t, { country: "KE", upstream: await bed.upstream() });
  customerId = (
    await bed.customer(t, { allowedRegions: ["africa", "eu"], dataResidency: ["KE", "DE"] })
  ).id;
});
afterAll(() => bed.close());

const hello = { model: chatModel, messages: [{ role: "user" as const, content: "hi" }] };
const call = (secret: string) => bed.client(secret).chat.completions.create(hello);
const status = (p: Promise<unknown>) =>
  p.then(
    () => 200,
    (e: unknown) => (e instanceof OpenAI.APIError ? e.status : -1),
  );

async function issue(body: Record<string, unknown> = {}, tenant = t, customer = customerId) {
  const res = await bed.h.request(`${tenant.base}/customers/${customer}/keys`, {
    method: "POST",
    as: tenant.owner,
    body,
  });
  return res;
}

describe("customer keys", () => {
  it("shows the secret once and stores only its SHA-256 hash and start", async () => {
    const res = await issue({ name: "prod", models: [chatModel], rpmLimit: 600 });
    expect(res.status).toBe(201);
    const { key, secret } = await res.json();
    expect(secret).toMatch(/^epk_[1-9A-HJ-NP-Za-km-z]{22,}$/);
    expect(key).toMatchObject({
      customerId,
      name: "prod",
      state: "active",
      models: [chatModel],
      rpmLimit: 600,
    });
    expect(key.id).toMatch(/^ck_/);
    expect(secret.startsWith(key.start)).toBe(true);
    const db = bed.h.deps.database.db;
    const [row] = await db
      .select()
      .from(schema.customerKeys)
      .where(eq(schema.customerKeys.id, key.id));
    expect(row?.hash).toBe(createHash("sha256").update(secret).digest("hex"));
    const listed = await (
      await bed.h.request(`${t.base}/customer-keys?customerId=${customerId}`, { as: t.owner })
    ).text();
    expect(listed).toContain(key.id);
    expect(listed).not.toContain(secret);
    expect(listed).not.toContain(row?.hash);
    const audit = await db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.targetId, key.id));
    expect(JSON.stringify(audit)).not.toContain(secret);
    expect(await status(call(secret))).toBe(200);
    await bed.rt.keys.idle();
    const [used] = await db
      .select()
      .from(schema.customerKeys)
      .where(eq(schema.customerKeys.id, key.id));
    expect(used?.lastUsedAt).not.toBeNull();
  });

  it("a revoked key is refused with 401 at once; revoking twice is a 409", async () => {
    const { key, secret } = await (await issue()).json();
    expect(await status(call(secret))).toBe(200);
    const path = `${t.base}/customers/${customerId}/keys/${key.id}`;
    expect((await bed.h.request(path, { method: "DELETE", as: t.owner })).status).toBe(204);
    const err = await call(secret).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((err as Error).message).toMatch(/revoked/);
    expect((await bed.h.request(path, { method: "DELETE", as: t.owner })).status).toBe(409);
  });

  it("an expired key is refused with 401", async () => {
    const res = await issue({ expiresAt: new Date(Date.now() + 1200).toISOString() });
    const { secret } = await res.json();
    expect(await status(call(secret))).toBe(200);
    await new Promise((r) => setTimeout(r, 1300));
    const err = await call(secret).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((err as Error).message).toMatch(/expired/);
  });

  it("rotation keeps the limits; the old key works for the grace period, or stops at once", async () => {
    const { key, secret } = await (await issue({ rpmLimit: 100, models: [chatModel] })).json();
    const rotate = (id: string, body: Record<string, unknown>) =>
      bed.h.request(`${t.base}/customers/${customerId}/keys/${id}/rotate`, {
        method: "POST",
        as: t.owner,
        body,
      });
    const graced = await rotate(key.id, { gracePeriodSeconds: 3600 });
    expect(graced.status).toBe(201);
    const next = await graced.json();
    expect(next.key).toMatchObject({ rpmLimit: 100, models: [chatModel], state: "active" });
    expect(next.previous.id).toBe(key.id);
    expect(await status(call(secret))).toBe(200);
    expect(await status(call(next.secret))).toBe(200);
    const now = await (await rotate(next.key.id, { gracePeriodSeconds: 0 })).json();
    expect(await status(call(next.secret))).toBe(401);
    expect(await status(call(now.secret))).toBe(200);
    expect((await rotate(key.id, {})).status).toBe(409);
  });

  it("a replacement keeps the rotated key's expiry unless the rotation names another", async () => {
    const in30Days = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const { key } = await (await issue({ expiresAt: in30Days })).json();
    const rotate = async (id: string, body: Record<string, unknown>) => {
      const res = await bed.h.request(`${t.base}/customers/${customerId}/keys/${id}/rotate`, {
        method: "POST",
        as: t.owner,
        body,
      });
      expect(res.status).toBe(201);
      return (await res.json()).key as { id: string; expiresAt: string | null };
    };
    const kept = await rotate(key.id, {});
    expect(kept.expiresAt).toBe(in30Days);
    const in90Days = new Date(Date.now() + 90 * 86_400_000).toISOString();
    const chosen = await rotate(kept.id, { expiresAt: in90Days });
    expect(chosen.expiresAt).toBe(in90Days);
    expect((await rotate(chosen.id, { expiresAt: null })).expiresAt).toBeNull();
  });

  it("a changed limit applies to the next request", async () => {
    const { key, secret } = await (await issue()).json();
    expect(await status(call(secret))).toBe(200);
    const res = await bed.h.request(`${t.base}/customers/${customerId}/keys/${key.id}`, {
      method: "PATCH",
      as: t.owner,
      body: { models: ["embed-small"] },
    });
    expect(res.status).toBe(200);
    expect(await status(call(secret))).toBe(404);
  });

  it("a key narrows its customer's placement, never widens it; models must exist", async () => {
    const res = await issue({
      regions: ["africa", "asia-pacific"],
      dataResidency: ["US"],
      models: [chatModel, "gpt-9"],
    });
    expect(res.status).toBe(400);
    expect(await problemPaths(res)).toEqual(["dataResidency.0", "models.1", "regions.1"]);
    const ok = await issue({ regions: ["africa"], dataResidency: ["KE"] });
    expect(ok.status).toBe(201);
  });

  it("another org's customer or key is a 404; a viewer cannot create or revoke keys", async () => {
    const other = await newTenant(bed.h, "Other Co");
    const theirs = (await (
      await bed.h.request(`${other.base}/customers`, {
        method: "POST",
        as: other.owner,
        body: { name: "Theirs" },
      })
    ).json()) as { id: string };
    const theirKey = await (await issue({}, other, theirs.id)).json();
    expect((await issue({}, t, theirs.id)).status).toBe(404);
    const foreign = `${t.base}/customers/${theirs.id}/keys/${theirKey.key.id}`;
    expect((await bed.h.request(foreign, { method: "DELETE", as: t.owner })).status).toBe(404);
    expect(
      (await bed.h.request(`${foreign}/rotate`, { method: "POST", as: t.owner, body: {} })).status,
    ).toBe(404);
    expect(
      (await bed.h.request(foreign, { method: "PATCH", as: t.owner, body: { rpmLimit: 1 } }))
        .status,
    ).toBe(404);
    const mine = await (await issue()).json();
    const crossed = `${other.base}/customers/${theirs.id}/keys/${mine.key.id}`;
    expect((await bed.h.request(crossed, { method: "DELETE", as: other.owner })).status).toBe(404);
    const listed = await (
      await bed.h.request(`${other.base}/customer-keys`, { as: other.owner })
    ).json();
    expect(listed.items.map((k: { id: string }) => k.id)).toEqual([theirKey.key.id]);
    const viewer = await member(bed.h, t, "viewer");
    const created = await bed.h.request(`${t.base}/customers/${customerId}/keys`, {
      method: "POST",
      as: viewer,
      body: {},
    });
    expect(created.status).toBe(403);
    const revoked = await bed.h.request(`${t.base}/customers/${customerId}/keys/${mine.key.id}`, {
      method: "DELETE",
      as: viewer,
    });
    expect(revoked.status).toBe(403);
    expect((await bed.h.request(`${t.base}/customer-keys`, { as: viewer })).status).toBe(200);
    expect(await status(call(mine.secret))).toBe(200);
  });
});
