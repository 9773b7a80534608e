import type { Role } from "@edgeplane/contracts";
import { expect } from "vitest";
import type { Harness, TestUser } from "../../../testing/harness.ts";

/** Test factories for the fleet routes: every test mints its own org, sites and nodes. */

export interface Tenant {
  owner: TestUser;
  orgId: string;
  base: string;
}

export async function newTenant(h: Harness, name = "Fleet Co"): Promise<Tenant> {
  const owner = await h.user();
  const res = await h.request("/api/orgs", {
    method: "POST",
    as: owner,
    body: { name, useCase: "pilot_network" },
  });
  expect(res.status).toBe(201);
  const org = (await res.json()) as { id: string };
  return { owner, orgId: org.id, base: `/api/orgs/${org.id}` };
}

/** A member with `role`, joined the way people join: invitation, then sign-in. */
export async function member(h: Harness, t: Tenant, role: Role): Promise<TestUser> {
  const email = `${role}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const inv = await h.request(`${t.base}/invitations`, {
    method: "POST",
    as: t.owner,
    body: { email, role },
  });
  expect(inv.status).toBe(201);
  const user = await h.user(email);
  expect((await h.request("/api/me", { as: user })).status).toBe(200);
  return user;
}

export const siteBody = (over: Record<string, unknown> = {}) => ({
  name: "Nairobi West Telecom Room",
  city: "Nairobi",
  country: "KE",
  powerCapacityKw: 40,
  siteType: "telecom_room",
  connectivityTier: "tier_2",
  ...over,
});

export async function makeSite(h: Harness, t: Tenant, over: Record<string, unknown> = {}) {
  const res = await h.request(`${t.base}/sites`, {
    method: "POST",
    as: t.owner,
    body: siteBody(over),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; name: string; [k: string]: unknown };
}

let serial = 0;
export const nodeBody = (siteId: string, over: Record<string, unknown> = {}) => ({
  siteId,
  name: "gpu-node-01",
  externalId: `asset-${Date.now().toString(36)}-${++serial}`,
  acceleratorType: "nvidia-l40s",
  gpuCount: 4,
  powerDrawW: 2400,
  latencyEstimateMs: 18,
  ...over,
});

export async function makeNode(
  h: Harness,
  t: Tenant,
  siteId: string,
  over: Record<string, unknown> = {},
) {
  const res = await h.request(`${t.base}/nodes`, {
    method: "POST",
    as: t.owner,
    body: nodeBody(siteId, over),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; siteId: string; [k: string]: unknown };
}

export interface Issued {
  key: { id: string; start: string; [k: string]: unknown };
  secret: string;
}

export async function makeKey(
  h: Harness,
  t: Tenant,
  nodeId: string,
  body: Record<string, unknown> = {},
): Promise<Issued> {
  const res = await h.request(`${t.base}/nodes/${nodeId}/keys`, {
    method: "POST",
    as: t.owner,
    body,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Issued;
}

export async function problemPaths(res: Response): Promise<string[]> {
  const problem = (await res.json()) as { errors?: { path: string }[] };
  return (problem.errors ?? []).map((e) => e.path).sort();
}
