import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness, type TestUser } from "../../../testing/harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

async function orgOf(owner: TestUser, name = "Acme Edge") {
  const res = await h.request("/api/orgs", {
    method: "POST",
    as: owner,
    body: { name, useCase: "production_fleet" },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string };
}

/** Invites `email` with `role` and signs that person in, which accepts the invitation. */
async function join(orgId: string, owner: TestUser, role: string) {
  const person = await h.user();
  const inv = await h.request(`/api/orgs/${orgId}/invitations`, {
    method: "POST",
    as: owner,
    body: { email: person.email, role },
  });
  expect(inv.status).toBe(201);
  const me = await (await h.request("/api/me", { as: person })).json();
  expect(me.memberships.map((m: { org: { id: string } }) => m.org.id)).toContain(orgId);
  return person;
}

describe("members and invitations", () => {
  it("an invitee joins with the invited role on sign-in, and the audit log records it", async () => {
    const owner = await h.user();
    const org = await orgOf(owner);
    const op = await join(org.id, owner, "operator");
    const list = await (await h.request(`/api/orgs/${org.id}/members`, { as: owner })).json();
    expect(list.members.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
      [owner.email, "owner"],
      [op.email, "operator"],
    ]);
    expect(list.invitations).toEqual([]);
    const audit = await (await h.request(`/api/orgs/${org.id}/audit`, { as: owner })).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual([
      "member.joined",
      "member.invited",
      "org.created",
    ]);
    expect(audit.items[1]).toMatchObject({
      actor: { id: owner.id, email: owner.email },
      target: { type: "invitation" },
      details: { email: op.email, role: "operator" },
    });
  });

  it("refuses a duplicate invitation and an invalid e-mail, naming the field", async () => {
    const owner = await h.user();
    const org = await orgOf(owner);
    const body = { email: "Dup@Example.com", role: "viewer" };
    const first = await h.request(`/api/orgs/${org.id}/invitations`, {
      method: "POST",
      as: owner,
      body,
    });
    expect(first.status).toBe(201);
    expect((await first.json()).email).toBe("dup@example.com");
    const again = await h.request(`/api/orgs/${org.id}/invitations`, {
      method: "POST",
      as: owner,
      body,
    });
    expect(again.status).toBe(409);
    expect((await again.json()).errors[0].path).toBe("email");
    const bad = await h.request(`/api/orgs/${org.id}/invitations`, {
      method: "POST",
      as: owner,
      body: { email: "not-an-email", role: "wizard" },
    });
    expect(bad.status).toBe(400);
    const paths = (await bad.json()).errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(["email", "role"]);
  });

  it("revoked invitations are not accepted on sign-in", async () => {
    const owner = await h.user();
    const org = await orgOf(owner);
    const person = await h.user();
    const inv = await (
      await h.request(`/api/orgs/${org.id}/invitations`, {
        method: "POST",
        as: owner,
        body: { email: person.email, role: "admin" },
      })
    ).json();
    const del = await h.request(`/api/orgs/${org.id}/invitations/${inv.id}`, {
      method: "DELETE",
      as: owner,
    });
    expect(del.status).toBe(204);
    const me = await (await h.request("/api/me", { as: person })).json();
    expect(me.memberships).toEqual([]);
  });

  it("keeps the last owner: no demotion, no removal; a second owner makes both possible", async () => {
    const owner = await h.user();
    const org = await orgOf(owner);
    const demote = await h.request(`/api/orgs/${org.id}/members/${owner.id}`, {
      method: "PATCH",
      as: owner,
      body: { role: "admin" },
    });
    expect(demote.status).toBe(409);
    expect((await demote.json()).code).toBe("last_owner");
    const remove = await h.request(`/api/orgs/${org.id}/members/${owner.id}`, {
      method: "DELETE",
      as: owner,
    });
    expect(remove.status).toBe(409);

    const second = await join(org.id, owner, "owner");
    const ok = await h.request(`/api/orgs/${org.id}/members/${owner.id}`, {
      method: "PATCH",
      as: second,
      body: { role: "viewer" },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ userId: owner.id, role: "viewer" });
  });

  it("an admin cannot grant the owner role; a viewer cannot manage members or read the audit log", async () => {
    const owner = await h.user();
    const org = await orgOf(owner);
    const admin = await join(org.id, owner, "admin");
    const viewer = await join(org.id, owner, "viewer");
    const promote = await h.request(`/api/orgs/${org.id}/members/${viewer.id}`, {
      method: "PATCH",
      as: admin,
      body: { role: "owner" },
    });
    expect(promote.status).toBe(403);
    const asViewer = await h.request(`/api/orgs/${org.id}/invitations`, {
      method: "POST",
      as: viewer,
      body: { email: "x@example.com", role: "viewer" },
    });
    expect(asViewer.status).toBe(403);
    expect((await asViewer.json()).code).toBe("forbidden");
    expect((await h.request(`/api/orgs/${org.id}/audit`, { as: viewer })).status).toBe(403);
    expect((await h.request(`/api/orgs/${org.id}/members`, { as: viewer })).status).toBe(200);
    const rename = await h.request(`/api/orgs/${org.id}`, {
      method: "PATCH",
      as: viewer,
      body: { name: "Taken over" },
    });
    expect(rename.status).toBe(403);
    const org2 = await (await h.request(`/api/orgs/${org.id}`, { as: owner })).json();
    expect(org2.name).toBe("Acme Edge");
  });

  it("another tenant sees 404 on every member route", async () => {
    const owner = await h.user();
    const org = await orgOf(owner);
    const stranger = await h.user();
    const paths: [string, string, unknown?][] = [
      ["GET", `/api/orgs/${org.id}/members`],
      ["POST", `/api/orgs/${org.id}/invitations`, { email: "a@b.co", role: "viewer" }],
      ["PATCH", `/api/orgs/${org.id}/members/${owner.id}`, { role: "viewer" }],
      ["DELETE", `/api/orgs/${org.id}/members/${owner.id}`],
      ["GET", `/api/orgs/${org.id}/audit`],
      ["PATCH", `/api/orgs/${org.id}`, { name: "Mine now" }],
    ];
    for (const [method, path, body] of paths) {
      const res = await h.request(path, { method, as: stranger, body });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
  });

  it("pages through the audit log with a cursor", async () => {
    const owner = await h.user();
    const org = await orgOf(owner);
    for (let i = 0; i < 5; i++) {
      await h.request(`/api/orgs/${org.id}`, {
        method: "PATCH",
        as: owner,
        body: { name: `Name ${i}` },
      });
    }
    const first = await (
      await h.request(`/api/orgs/${org.id}/audit?limit=4`, { as: owner })
    ).json();
    expect(first.items).toHaveLength(4);
    expect(first.items[0].details).toEqual({ changes: { name: { from: "Name 3", to: "Name 4" } } });
    const second = await (
      await h.request(`/api/orgs/${org.id}/audit?limit=4&before=${first.nextCursor}`, { as: owner })
    ).json();
    expect(second.items.map((a: { action: string }) => a.action)).toEqual([
      "org.updated",
      "org.created",
    ]);
    expect(second.nextCursor).toBeNull();
    const bad = await h.request(`/api/orgs/${org.id}/audit?limit=0`, { as: owner });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].path).toBe("limit");
  });
});
