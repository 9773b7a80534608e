import { sql } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createHarness, type Harness } from "../../../testing/harness.ts";
import { makeKey, makeNode, makeSite, newTenant } from "../sites/fixtures.ts";

const logLines: string[] = [];
let h: Harness;
beforeAll(async () => {
  const log = pino({ level: "trace" }, { write: (line: string) => logLines.push(line) });
  h = await createHarness({ LOG_LEVEL: "trace" }, { log });
});
afterAll(() => h.close());

async function rowsOf(query: string): Promise<Record<string, unknown>[]> {
  const res: unknown = await h.deps.database.db.execute(sql.raw(query));
  return (Array.isArray(res) ? res : (res as { rows: Record<string, unknown>[] }).rows) ?? [];
}

it("stores and logs no plaintext secret anywhere, and audits no hash", async () => {
  const t = await newTenant(h);
  const node = await makeNode(h, t, (await makeSite(h, t)).id);
  const issued = [await makeKey(h, t, node.id, { name: "primary" }), await makeKey(h, t, node.id)];
  const [first, second] = issued;
  if (!first || !second) throw new Error("no keys");
  const rotate = await h.request(`${t.base}/nodes/${node.id}/keys/${first.key.id}/rotate`, {
    method: "POST",
    as: t.owner,
  });
  issued.push(await rotate.json());
  await h.request(`${t.base}/nodes/${node.id}/keys/${second.key.id}`, {
    method: "DELETE",
    as: t.owner,
  });
  for (const { secret } of issued) {
    await h.request("/api/agent/v1/whoami", { headers: { authorization: `Bearer ${secret}` } });
  }
  await h.request("/api/agent/v1/whoami", {
    headers: { authorization: `Bearer ${second.secret}`, "x-request-id": "leak-check" },
  });
  await h.request(`${t.base}/node-keys`, { as: t.owner });

  const tables = await rowsOf(
    `select table_schema, table_name from information_schema.tables
     where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
  );
  const names = tables.map((r) => `"${r.table_schema}"."${r.table_name}"`);
  expect(names).toEqual(expect.arrayContaining(['"public"."node_keys"', '"public"."audit_log"']));
  const dump: Record<string, string> = {};
  for (const name of names) dump[name] = JSON.stringify(await rowsOf(`select * from ${name}`));
  const logs = logLines.join("\n");
  expect(logs).toContain("leak-check");

  // The scan does read contents: what is meant to be stored is found.
  expect(dump['"public"."node_keys"']).toContain(first.key.start);
  const hashes = (await rowsOf("select hash from node_keys")).map((r) => String(r.hash));
  expect(hashes).toHaveLength(3);
  for (const { key, secret } of issued) {
    const unseen = secret.slice(key.start.length);
    for (const [where, text] of [...Object.entries(dump), ["logs", logs] as const]) {
      expect(text.includes(secret), `${where} holds a secret`).toBe(false);
      expect(text.includes(unseen), `${where} holds a secret's body`).toBe(false);
    }
  }
  for (const hash of hashes) {
    expect(dump['"public"."audit_log"']?.includes(hash)).toBe(false);
    expect(logs.includes(hash)).toBe(false);
  }
});
