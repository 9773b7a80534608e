import { randomUUID } from "node:crypto";
import {
  listCustomersQuery,
  listModelsQuery,
  listNodesQuery,
  listSitesQuery,
  newId,
  type Permission,
} from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { eq } from "drizzle-orm";
import type { Deps } from "../deps.ts";
import { gatewayRuntime } from "../gateway/runtime.ts";
import { authorize } from "../services/access/membership.ts";
import type { ServiceCtx } from "../services/context.ts";
import { createCustomer } from "../services/customers/create.ts";
import { listCustomers } from "../services/customers/list.ts";
import { createModel } from "../services/models/create.ts";
import { listModels } from "../services/models/list.ts";
import { listNodes } from "../services/nodes/list.ts";
import { registerNode } from "../services/nodes/register.ts";
import { createOrg } from "../services/orgs/create.ts";
import { listOrgsForUser } from "../services/orgs/list-for-user.ts";
import { createSite } from "../services/sites/create.ts";
import { listSites } from "../services/sites/list.ts";
import { syncUser } from "../services/users/sync.ts";
import {
  type DemoNode,
  demoCustomer,
  demoModels,
  demoNodes,
  demoOrg,
  demoSites,
  demoUserEmail,
} from "./plan.ts";

export interface SeededNode extends DemoNode {
  id: string;
  siteName: string;
}

export interface SeededDemo {
  ctx: ServiceCtx;
  orgId: string;
  customerId: string;
  nodes: SeededNode[];
}

/** The demo user's id: found by e-mail, or a new user row (sign-in confirms it later). */
async function demoUser(deps: Deps, requestId: string): Promise<string> {
  const db = deps.database.db;
  const [found] = await db
    .select({ id: schema.users.id })
    .from(schema.users)
    .where(eq(schema.users.email, demoUserEmail))
    .limit(1);
  if (found) return found.id;
  const id = randomUUID();
  await syncUser(db, { id, email: demoUserEmail }, requestId);
  return id;
}

/**
 * The demo's org, sites, nodes, model catalogue and customer, created through the same
 * services the API uses (audit rows included); a re-run finds them by name and adds nothing.
 */
export async function seedDemo(deps: Deps): Promise<SeededDemo> {
  const db = deps.database.db;
  const requestId = newId("request");
  const userId = await demoUser(deps, requestId);
  const ctx: ServiceCtx = {
    db,
    actor: { userId, email: demoUserEmail },
    requestId,
    log: deps.log,
  };
  const orgs = await listOrgsForUser(db, userId);
  const orgId =
    orgs.find((m) => m.org.name === demoOrg.name)?.org.id ??
    (await createOrg({ ctx, input: demoOrg })).id;
  const access = (permission: Permission) => authorize(db, userId, orgId, permission);

  const sites = (await listSites(db, orgId, listSitesQuery.parse({ limit: 200 }))).items;
  const siteIds = new Map<string, { id: string; name: string }>();
  for (const s of demoSites) {
    const site =
      sites.find((x) => x.name === s.input.name) ??
      (await createSite({ ctx, access: await access("sites.write"), input: s.input }));
    siteIds.set(s.key, { id: site.id, name: site.name });
  }

  const existing = (await listNodes(db, orgId, listNodesQuery.parse({ limit: 200 }))).items;
  const nodes: SeededNode[] = [];
  for (const n of demoNodes) {
    const site = siteIds.get(n.site);
    if (!site) throw new Error(`the demo plan names an unknown site ${n.site}`);
    const node =
      existing.find((x) => x.externalId === n.externalId) ??
      (await registerNode({
        ctx,
        access: await access("nodes.write"),
        input: {
          siteId: site.id,
          name: n.name,
          externalId: n.externalId,
          acceleratorType: n.acceleratorType,
          gpuCount: n.gpuCount,
          latencyEstimateMs: n.latencyEstimateMs,
          labels: { demo: "true", simulated: "true" },
        },
      }));
    nodes.push({ ...n, id: node.id, siteName: site.name });
  }

  const live = gatewayRuntime(deps).live();
  const models = (await listModels(db, orgId, listModelsQuery.parse({ limit: 200 }), live)).items;
  for (const m of demoModels) {
    if (models.some((x) => x.publicId === m.publicId)) continue;
    await createModel({ ctx, access: await access("models.write"), input: m, live });
  }

  const customers = await listCustomers(db, orgId, listCustomersQuery.parse({ limit: 200 }));
  const customerId =
    customers.items.find((c) => c.name === demoCustomer.name)?.id ??
    (await createCustomer({ ctx, access: await access("customers.write"), input: demoCustomer }))
      .id;
  return { ctx, orgId, customerId, nodes };
}
