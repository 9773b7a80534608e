import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { garbageIds, malformedBody, rng, snapshotDatabase } from "../../testing/fuzz.ts";
import { createHarness, type Harness, type TestUser } from "../../testing/harness.ts";

let h: Harness;
let owner: TestUser;
let orgId: string;

beforeAll(async () => {
  h = await createHarness();
  owner = await h.user();
  const res = await h.request("/api/orgs", {
    method: "POST",
    as: owner,
    body: { name: "Fuzz Target", useCase: "evaluation" },
  });
  orgId = (await res.json()).id;
  await h.request(`/api/orgs/${orgId}/invitations`, {
    method: "POST",
    as: owner,
    body: { email: "pending@example.com", role: "viewer" },
  });
});
afterAll(() => h.close());

type Target = { method: string; path: (id: string) => string; fields: string[]; auth?: boolean };

// A valid access token on /auth/v1/user would rightly answer 200: auth targets get none.

const apiTargets: Target[] = [
  { method: "POST", path: () => "/api/orgs", fields: ["name", "useCase"] },
  { method: "PATCH", path: () => `/api/orgs/${orgId}`, fields: ["name", "useCase"] },
  { method: "PATCH", path: (id) => `/api/orgs/${id}`, fields: ["name"] },
  { method: "POST", path: () => `/api/orgs/${orgId}/invitations`, fields: ["email", "role"] },
  { method: "PATCH", path: (id) => `/api/orgs/${orgId}/members/${id}`, fields: ["role"] },
  { method: "PATCH", path: () => `/api/orgs/${orgId}/members/${owner.id}`, fields: ["role"] },
  { method: "DELETE", path: (id) => `/api/orgs/${orgId}/members/${id}`, fields: [] },
  { method: "DELETE", path: () => `/api/orgs/${orgId}/members/${owner.id}`, fields: [] },
  { method: "DELETE", path: (id) => `/api/orgs/${orgId}/invitations/${id}`, fields: [] },
  { method: "GET", path: (id) => `/api/orgs/${orgId}/audit?limit=${id}&before=${id}`, fields: [] },
  { method: "GET", path: (id) => `/api/orgs/${id}/members`, fields: [] },
  { method: "POST", path: () => "/api/orgs", fields: ["name", "useCase"], auth: false },
];

const authTargets: Target[] = [
  {
    method: "POST",
    path: () => "/auth/v1/otp",
    fields: ["email", "create_user", "code_challenge"],
  },
  {
    method: "POST",
    path: () => "/auth/v1/verify",
    fields: ["email", "token", "type", "token_hash"],
  },
  { method: "GET", path: (id) => `/auth/v1/verify?token=${id}&type=${id}`, fields: [] },
  {
    method: "POST",
    path: () => "/auth/v1/token?grant_type=pkce",
    fields: ["auth_code", "code_verifier"],
  },
  {
    method: "POST",
    path: () => "/auth/v1/token?grant_type=refresh_token",
    fields: ["refresh_token"],
  },
  { method: "POST", path: (id) => `/auth/v1/token?grant_type=${id}`, fields: ["refresh_token"] },
  { method: "POST", path: (id) => `/auth/v1/logout?scope=${id}`, fields: [], auth: false },
  { method: "GET", path: () => "/auth/v1/user", fields: [], auth: false },
  { method: "GET", path: (id) => `/auth/v1/authorize?provider=${id}`, fields: [] },
];

const badAuth = [
  "Bearer",
  "Bearer x.y.z",
  "Basic Zm9vOmJhcg==",
  "Bearer eyJhbGciOiJub25lIn0.e30.",
  "x",
];

async function bombard(targets: Target[], count: number, seed: number) {
  const r = rng(seed);
  const statuses = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const t = r.pick(targets);
    const id = r.pick(garbageIds);
    const { body, type } = malformedBody(r, t.fields);
    const headers: Record<string, string> = {};
    if (type) headers["content-type"] = type;
    const auth =
      t.auth === false ? null : r.next() < 0.9 ? owner.headers.authorization : r.pick(badAuth);
    if (auth) headers.authorization = auth;
    const res = await h.request(t.path(encodeURIComponent(id)), {
      method: t.method,
      headers,
      body: t.method === "GET" || t.fields.length === 0 ? undefined : body,
    });
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.status >= 500) {
      throw new Error(
        `#${i} ${t.method} ${t.path(id)} ${body.slice(0, 200)} → ${res.status} ${await res.text()}`,
      );
    }
    expect(res.status, `${t.method} ${t.path(id)}`).toBeGreaterThanOrEqual(400);
  }
  return statuses;
}

describe("malformed requests", () => {
  it("2,000 malformed requests across /api and /auth/v1: no 5xx, nothing stored changes", async () => {
    const before = await snapshotDatabase(h.deps.database.db);
    const api = await bombard(apiTargets, 1400, 20261125);
    const auth = await bombard(authTargets, 600, 42);
    const after = await snapshotDatabase(h.deps.database.db);
    expect(after).toEqual(before);
    expect([...api.keys()].every((s) => s < 500)).toBe(true);
    expect([...auth.keys()].every((s) => s < 500)).toBe(true);
    // The org is still there and intact for its owner.
    const org = await (await h.request(`/api/orgs/${orgId}`, { as: owner })).json();
    expect(org.name).toBe("Fuzz Target");
  }, 120_000);
});
