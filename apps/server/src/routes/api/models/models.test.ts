import { schema } from "@edgeplane/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayBed, startGatewayBed } from "../../../gateway/testing/kit.ts";
import { member, newTenant, problemPaths, type Tenant } from "../sites/fixtures.ts";

let bed: GatewayBed;
beforeAll(async () => {
  bed = await startGatewayBed();
});
afterAll(() => bed.close());

const llama = {
  publicId: "llama-3.1-8b",
  upstreamName: "edgeplane/reference-chat",
  kind: "chat",
  contextLength: 32_768,
  inputPricePerMTok: 0.05,
  outputPricePerMTok: 0.08,
};

async function model(t: Tenant, body: Record<string, unknown> = llama) {
  const res = await bed.api(`${t.base}/models`, { method: "POST", as: t.owner, body });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; [k: string]: unknown };
}

describe("models", () => {
  it("creates, lists with availability per region, updates and deletes", async () => {
    const t = await newTenant(bed.h);
    const m = await model(t);
    expect(m).toMatchObject({ ...llama, status: "active", availability: [] });
    expect(m.id).toMatch(/^mdl_/);
    const upstream = await bed.upstream();
    await bed.node(t, { country: "KE", upstream });
    await bed.node(t, { country: "KE", upstream });
    const de = await bed.node(t, { country: "DE", upstream });
    await bed.node(t, { country: "US", upstream, status: "degraded" });
    const list = await (await bed.api(`${t.base}/models`, { as: t.owner })).json();
    expect(list.total).toBe(1);
    expect(list.items[0].availability).toEqual([
      { region: "eu", nodes: 1 },
      { region: "north-america", nodes: 1 },
      { region: "africa", nodes: 2 },
    ]);
    await de.stop();
    const one = await (await bed.api(`${t.base}/models/${m.id}`, { as: t.owner })).json();
    expect(one.availability.map((a: { region: string }) => a.region)).toEqual([
      "north-america",
      "africa",
    ]);
    const patched = await bed.api(`${t.base}/models/${m.id}`, {
      method: "PATCH",
      as: t.owner,
      body: { upstreamName: "not-served", outputPricePerMTok: 0.1 },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ outputPricePerMTok: 0.1, availability: [] });
    const audit = await bed.h.deps.database.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.targetId, m.id));
    expect(audit.map((a) => a.action).sort()).toEqual(["model.created", "model.updated"]);
    expect(
      (await bed.api(`${t.base}/models/${m.id}`, { method: "DELETE", as: t.owner })).status,
    ).toBe(204);
    expect((await bed.api(`${t.base}/models/${m.id}`, { as: t.owner })).status).toBe(404);
  });

  it("refuses a duplicate public id (409) and names invalid fields (400)", async () => {
    const t = await newTenant(bed.h);
    const m = await model(t);
    const dup = await bed.api(`${t.base}/models`, { method: "POST", as: t.owner, body: llama });
    expect(dup.status).toBe(409);
    const other = await model(t, { ...llama, publicId: "qwen3-8b" });
    const clash = await bed.api(`${t.base}/models/${other.id}`, {
      method: "PATCH",
      as: t.owner,
      body: { publicId: m.publicId },
    });
    expect(clash.status).toBe(409);
    const bad = await bed.api(`${t.base}/models`, {
      method: "POST",
      as: t.owner,
      body: {
        publicId: "has space",
        upstreamName: "",
        kind: "image",
        contextLength: 0,
        inputPricePerMTok: -1,
      },
    });
    expect(bad.status).toBe(400);
    expect(await problemPaths(bad)).toEqual([
      "contextLength",
      "inputPricePerMTok",
      "kind",
      "outputPricePerMTok",
      "publicId",
      "upstreamName",
    ]);
  });

  it("another org's model is a 404; a viewer reads but cannot change the catalogue", async () => {
    const t = await newTenant(bed.h);
    const other = await newTenant(bed.h, "Other Co");
    const theirs = await model(other);
    for (const method of ["GET", "PATCH", "DELETE"]) {
      const res = await bed.api(`${t.base}/models/${theirs.id}`, {
        method,
        as: t.owner,
        body: method === "PATCH" ? { contextLength: 10 } : undefined,
      });
      expect(res.status).toBe(404);
    }
    expect((await (await bed.api(`${t.base}/models`, { as: t.owner })).json()).total).toBe(0);
    const viewer = await member(bed.h, t, "viewer");
    expect((await bed.api(`${t.base}/models`, { as: viewer })).status).toBe(200);
    const denied = await bed.api(`${t.base}/models`, { method: "POST", as: viewer, body: llama });
    expect(denied.status).toBe(403);
  });
});
