import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../../../testing/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe("POST /api/orgs", () => {
  it("creates an org whose creator is its owner and shows it in /api/me", async () => {
    const alice = await h.user();
    const res = await h.request("/api/orgs", {
      method: "POST",
      as: alice,
      body: { name: "Nairobi Pilot", useCase: "pilot_network" },
    });
    expect(res.status).toBe(201);
    const org = await res.json();
    expect(org).toMatchObject({
      name: "Nairobi Pilot",
      slug: "nairobi-pilot",
      useCase: "pilot_network",
    });
    expect(org.id).toMatch(/^org_/);
    const me = await (await h.request("/api/me", { as: alice })).json();
    expect(me.user.email).toBe(alice.email);
    expect(me.memberships).toEqual([{ org, role: "owner" }]);
  });

  it("names the invalid field", async () => {
    const alice = await h.user();
    const res = await h.request("/api/orgs", {
      method: "POST",
      as: alice,
      body: { name: "x", useCase: "nope" },
    });
    expect(res.status).toBe(400);
    const problem = await res.json();
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual(["name", "useCase"]);
  });

  it("answers 404 to another tenant", async () => {
    const alice = await h.user();
    const bob = await h.user();
    const org = await (
      await h.request("/api/orgs", {
        method: "POST",
        as: alice,
        body: { name: "Alice Co", useCase: "evaluation" },
      })
    ).json();
    const res = await h.request(`/api/orgs/${org.id}`, { as: bob });
    expect(res.status).toBe(404);
    expect((await res.json()).code).toBe("not_found");
  });
});

describe("GET /api/config", () => {
  it("points the dashboard at the origin it was opened on when that is a loopback alias", async () => {
    const viaAlias = await (await h.app.request("http://127.0.0.1:3000/api/config")).json();
    expect(viaAlias).toMatchObject({ authMode: "builtin", supabaseUrl: "http://127.0.0.1:3000" });
    const foreign = await (await h.app.request("http://evil.example:3000/api/config")).json();
    expect(foreign.supabaseUrl).toBe("http://localhost:3000");
    expect(foreign.providers).toEqual({ email: true, github: false, google: false });
  });
});
