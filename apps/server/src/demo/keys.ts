import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { listCustomerKeysQuery, listNodeKeysQuery } from "@edgeplane/contracts";
import { z } from "zod";
import { authorize } from "../services/access/membership.ts";
import { createCustomerKey } from "../services/customer-keys/create.ts";
import { listCustomerKeys } from "../services/customer-keys/list.ts";
import { createNodeKey } from "../services/node-keys/create.ts";
import { listNodeKeys } from "../services/node-keys/list.ts";
import type { SeededDemo } from "./seed.ts";

/*
 * Keys are shown once, so the demo keeps its own in its data dir (beside the auth signing
 * key): a re-run reuses them while they are active, and issues new ones when not.
 */

const storedKey = z.object({ keyId: z.string(), secret: z.string() });
const keyFile = z.object({
  nodes: z.record(z.string(), storedKey),
  customer: storedKey.nullable(),
});
type KeyFile = z.infer<typeof keyFile>;

export interface DemoKeys {
  /** Node id → node key secret. */
  nodes: Map<string, string>;
  customerKey: string;
}

export const keyFileName = "demo-keys.json";

/** A missing or unreadable file only means new keys. */
async function readKeys(file: string): Promise<KeyFile> {
  try {
    return keyFile.parse(JSON.parse(await readFile(file, "utf8")));
  } catch {
    return { nodes: {}, customer: null };
  }
}

export async function ensureDemoKeys(seed: SeededDemo, dataDir: string): Promise<DemoKeys> {
  const { ctx, orgId, customerId } = seed;
  const db = ctx.db;
  const file = path.join(dataDir, keyFileName);
  const stored = await readKeys(file);
  const next: KeyFile = { nodes: {}, customer: null };
  const nodes = new Map<string, string>();
  for (const node of seed.nodes) {
    const query = listNodeKeysQuery.parse({ nodeId: node.id, state: "active", limit: 200 });
    const active = (await listNodeKeys(db, orgId, query)).items;
    const kept = stored.nodes[node.id];
    const key =
      kept && active.some((k) => k.id === kept.keyId)
        ? kept
        : await createNodeKey({
            ctx,
            access: await authorize(db, ctx.actor.userId, orgId, "nodeKeys.write"),
            nodeId: node.id,
            input: { name: "demo agent" },
          }).then((issued) => ({ keyId: issued.key.id, secret: issued.secret }));
    next.nodes[node.id] = key;
    nodes.set(node.id, key.secret);
  }
  const query = listCustomerKeysQuery.parse({ customerId, state: "active", limit: 200 });
  const active = (await listCustomerKeys(db, orgId, query)).items;
  const kept = stored.customer;
  const customer =
    kept && active.some((k) => k.id === kept.keyId)
      ? kept
      : await createCustomerKey({
          ctx,
          access: await authorize(db, ctx.actor.userId, orgId, "customers.write"),
          customerId,
          input: { name: "Demo key" },
        }).then((issued) => ({ keyId: issued.key.id, secret: issued.secret }));
  next.customer = customer;
  await writeFile(file, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  return { nodes, customerKey: customer.secret };
}
