import { afterAll, beforeAll, expect, it } from "vitest";
import { garbageIds, malformedBody, rng, snapshotDatabase } from "../../../testing/fuzz.ts";
import { createHarness, type Harness } from "../../../testing/harness.ts";
import { newTenant, type Tenant } from "../sites/fixtures.ts";

/* 1,500 malformed customer, key, model and usage requests: no 5xx, no row changed. */

let h: Harness;
let t: Tenant;
let customerId: string;
let modelId: string;

beforeAll(async () => {
  h = await createHarness();
  t = await newTenant(h);
  const post = async (path: string, body: unknown) =>
    (await h.request(`${t.base}${path}`, { method: "POST", as: t.owner, body })).json();
  customerId = (await post("/customers", { name: "Target" })).id;
  await post(`/customers/${customerId}/keys`, {});
  modelId = (
    await post("/models", {
      publicId: "m",
      upstreamName: "up/m",
      kind: "chat",
      contextLength: 100,
      inputPricePerMTok: 1,
      outputPricePerMTok: 1,
    })
  ).id;
});
afterAll(() => h.close());

type Target = { method: string; path: (id: string) => string; fields: string[] };

// Fields whose every garbage value is invalid (a nullable field would accept `null`); bodies
// where `{}` is valid (key issue, rotate) are only aimed at ids that do not exist.
const targets: Target[] = [
  {
    method: "POST",
    path: () => `${t.base}/customers`,
    fields: ["name", "contactEmail", "slaTier", "allowedRegions", "dataResidency", "notes"],
  },
  {
    method: "PATCH",
    path: () => `${t.base}/customers/${customerId}`,
    fields: ["name", "supportTier", "status"],
  },
  { method: "PATCH", path: (id) => `${t.base}/customers/${id}`, fields: ["name"] },
  { method: "DELETE", path: (id) => `${t.base}/customers/${id}`, fields: [] },
  {
    method: "GET",
    path: (id) => `${t.base}/customers?limit=${id}&cursor=${id}&slaTier=${id}`,
    fields: [],
  },
  { method: "POST", path: (id) => `${t.base}/customers/${id}/keys`, fields: ["name", "rpmLimit"] },
  {
    method: "PATCH",
    path: (id) => `${t.base}/customers/${customerId}/keys/${id}`,
    fields: ["models", "rpmLimit"],
  },
  {
    method: "POST",
    path: (id) => `${t.base}/customers/${customerId}/keys/${id}/rotate`,
    fields: ["gracePeriodSeconds"],
  },
  { method: "DELETE", path: (id) => `${t.base}/customers/${customerId}/keys/${id}`, fields: [] },
  {
    method: "GET",
    path: (id) => `${t.base}/customer-keys?customerId=${id}&state=${id}`,
    fields: [],
  },
  {
    method: "POST",
    path: () => `${t.base}/models`,
    fields: [
      "publicId",
      "upstreamName",
      "kind",
      "contextLength",
      "inputPricePerMTok",
      "outputPricePerMTok",
    ],
  },
  {
    method: "PATCH",
    path: () => `${t.base}/models/${modelId}`,
    fields: ["publicId", "status", "contextLength"],
  },
  { method: "DELETE", path: (id) => `${t.base}/models/${id}`, fields: [] },
  {
    method: "GET",
    path: (id) => `${t.base}/usage?from=${id}&to=${id}&cursor=${id}&limit=${id}`,
    fields: [],
  },
  {
    method: "GET",
    path: (id) => `${t.base}/usage/export?from=2020-01-01&keyId=${id}&model=${id}`,
    fields: [],
  },
  { method: "GET", path: (id) => `${t.base}/usage/summary?customerId=${id}`, fields: [] },
];

it("answers 1,500 malformed requests with 4xx problem JSON and changes nothing", async () => {
  const before = await snapshotDatabase(h.deps.database.db);
  const r = rng(7);
  for (let i = 0; i < 1500; i++) {
    const target = r.pick(targets);
    const id = encodeURIComponent(r.pick(garbageIds));
    const { body, type } = malformedBody(r, target.fields);
    const withBody = target.method !== "GET" && target.method !== "DELETE";
    const res = await h.app.request(target.path(id), {
      method: target.method,
      headers: { ...t.owner.headers, ...(withBody && type ? { "content-type": type } : {}) },
      body: withBody ? body : undefined,
    });
    const context = `${target.method} ${target.path(id)} ${withBody ? body.slice(0, 120) : ""}`;
    expect(res.status, context).toBeGreaterThanOrEqual(400);
    expect(res.status, context).toBeLessThan(500);
    expect(res.headers.get("content-type"), context).toMatch(/problem\+json/);
  }
  expect(await snapshotDatabase(h.deps.database.db)).toBe(before);
});
