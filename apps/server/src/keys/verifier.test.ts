import { schema } from "@edgeplane/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeKey, makeNode, makeSite, newTenant } from "../routes/api/sites/fixtures.ts";
import { createHarness, type Harness } from "../testing/harness.ts";
import { NodeKeyVerifier } from "./verifier.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

async function issued() {
  const t = await newTenant(h);
  const node = await makeNode(h, t, (await makeSite(h, t)).id);
  return { t, node, ...(await makeKey(h, t, node.id)) };
}

const keyRow = async (id: string) => {
  const [row] = await h.deps.database.db
    .select()
    .from(schema.nodeKeys)
    .where(eq(schema.nodeKeys.id, id));
  return row;
};

describe("NodeKeyVerifier", () => {
  it("trusts a cached key for under a second, then sees another replica's revoke", async () => {
    const { key, secret } = await issued();
    let clock = Date.now();
    const replicaB = new NodeKeyVerifier(h.deps.database.db, { now: () => clock });
    expect((await replicaB.verify(secret)).ok).toBe(true);
    // Replica A revokes: B is not told, its cache answers until the entry is 1 s old.
    await h.deps.database.db
      .update(schema.nodeKeys)
      .set({ revokedAt: new Date() })
      .where(eq(schema.nodeKeys.id, key.id));
    clock += 999;
    expect((await replicaB.verify(secret)).ok).toBe(true);
    clock += 1;
    expect(await replicaB.verify(secret)).toEqual({ ok: false, reason: "revoked" });
  });

  it("sees a revoke through the API on another replica within one second (real clock)", async () => {
    const { t, node, key, secret } = await issued();
    const replicaB = new NodeKeyVerifier(h.deps.database.db);
    expect((await replicaB.verify(secret)).ok).toBe(true);
    const res = await h.request(`${t.base}/nodes/${node.id}/keys/${key.id}`, {
      method: "DELETE",
      as: t.owner,
    });
    expect(res.status).toBe(204);
    const revokedAt = Date.now();
    let check = await replicaB.verify(secret);
    while (check.ok && Date.now() - revokedAt < 2000) {
      await new Promise((r) => setTimeout(r, 25));
      check = await replicaB.verify(secret);
    }
    expect(check.ok).toBe(false);
    expect(Date.now() - revokedAt).toBeLessThan(1250);
  });

  it("evicts on demand, and checks expiry on every call even from the cache", async () => {
    const { key, secret } = await issued();
    let clock = Date.now();
    const v = new NodeKeyVerifier(h.deps.database.db, { now: () => clock });
    expect((await v.verify(secret)).ok).toBe(true);
    await h.deps.database.db
      .update(schema.nodeKeys)
      .set({ expiresAt: new Date(clock + 200) })
      .where(eq(schema.nodeKeys.id, key.id));
    v.evict({ keyIds: [key.id] });
    expect((await v.verify(secret)).ok).toBe(true);
    clock += 200;
    expect(await v.verify(secret)).toEqual({ ok: false, reason: "expired" });
  });

  it("writes lastUsedAt at most once a minute per key", async () => {
    const { key, secret } = await issued();
    const t0 = Date.now();
    let clock = t0;
    const v = new NodeKeyVerifier(h.deps.database.db, { now: () => clock });
    await v.verify(secret);
    await v.idle();
    expect((await keyRow(key.id))?.lastUsedAt?.getTime()).toBe(t0);
    clock = t0 + 30_000;
    await v.verify(secret);
    await v.idle();
    expect((await keyRow(key.id))?.lastUsedAt?.getTime()).toBe(t0);
    // A second replica is held back by the row's own timestamp.
    const other = new NodeKeyVerifier(h.deps.database.db, { now: () => clock });
    await other.verify(secret);
    await other.idle();
    expect((await keyRow(key.id))?.lastUsedAt?.getTime()).toBe(t0);
    clock = t0 + 61_000;
    await v.verify(secret);
    await v.idle();
    expect((await keyRow(key.id))?.lastUsedAt?.getTime()).toBe(t0 + 61_000);
  });

  it("tells malformed from unknown keys without a database round trip for malformed ones", async () => {
    const v = new NodeKeyVerifier(h.deps.database.db);
    expect(await v.verify("")).toEqual({ ok: false, reason: "malformed" });
    expect(await v.verify("sk_live_123")).toEqual({ ok: false, reason: "malformed" });
    expect(await v.verify(`epn_${"z".repeat(65)}`)).toEqual({ ok: false, reason: "malformed" });
    expect(await v.verify(`epn_${"z".repeat(33)}`)).toEqual({ ok: false, reason: "unknown" });
  });
});
