import {
  createCustomerKeyInput,
  listCustomerKeysQuery,
  rotateCustomerKeyInput,
  updateCustomerKeyInput,
} from "@edgeplane/contracts";
import { createRoute } from "@hono/zod-openapi";
import type { Deps } from "../../../deps.ts";
import { authorize } from "../../../services/access/membership.ts";
import { createCustomerKey } from "../../../services/customer-keys/create.ts";
import { listCustomerKeys } from "../../../services/customer-keys/list.ts";
import { revokeCustomerKey } from "../../../services/customer-keys/revoke.ts";
import { rotateCustomerKey } from "../../../services/customer-keys/rotate.ts";
import { updateCustomerKey } from "../../../services/customer-keys/update.ts";
import { type Api, serviceCtx } from "../../types.ts";
import { optionalBody } from "../node-keys/schema.ts";
import { body, errorResponses, json, orgIdParam, pageOf } from "../schemas.ts";
import {
  customerKeyParams,
  customerKeySchema,
  customerParams,
  issuedCustomerKeySchema,
  rotatedCustomerKeySchema,
} from "./schema.ts";

const tags = ["Customer keys"];
const security = [{ bearer: [] }];

const post = createRoute({
  method: "post",
  path: "/orgs/{orgId}/customers/{customerId}/keys",
  tags,
  security,
  summary: "Issue a customer API key (epk_…); the secret is in this response only",
  request: { params: customerParams, body: optionalBody(createCustomerKeyInput) },
  responses: { 201: json(issuedCustomerKeySchema, "The key and its secret"), ...errorResponses },
});

const list = createRoute({
  method: "get",
  path: "/orgs/{orgId}/customer-keys",
  tags,
  security,
  summary: "Every customer key of the organization, newest first",
  request: { params: orgIdParam, query: listCustomerKeysQuery },
  responses: {
    200: json(pageOf(customerKeySchema, "CustomerKeyPage"), "A page of keys"),
    ...errorResponses,
  },
});

const patch = createRoute({
  method: "patch",
  path: "/orgs/{orgId}/customers/{customerId}/keys/{keyId}",
  tags,
  security,
  summary: "Change a key's model allow-list, limits, budget or placement",
  request: { params: customerKeyParams, body: body(updateCustomerKeyInput) },
  responses: { 200: json(customerKeySchema, "The updated key"), ...errorResponses },
});

const revoke = createRoute({
  method: "delete",
  path: "/orgs/{orgId}/customers/{customerId}/keys/{keyId}",
  tags,
  security,
  summary: "Revoke a key: refused by the gateway within a second",
  request: { params: customerKeyParams },
  responses: { 204: { description: "Revoked" }, ...errorResponses },
});

const rotate = createRoute({
  method: "post",
  path: "/orgs/{orgId}/customers/{customerId}/keys/{keyId}/rotate",
  tags,
  security,
  summary: "Issue a replacement with the same limits; the old key works for a grace period",
  request: { params: customerKeyParams, body: optionalBody(rotateCustomerKeyInput) },
  responses: {
    201: json(rotatedCustomerKeySchema, "The new key, its secret, the old key's end"),
    ...errorResponses,
  },
});

export function registerCustomerKeys(app: Api, deps: Deps) {
  const db = deps.database.db;
  app.openapi(post, async (c) => {
    const { orgId, customerId } = c.req.valid("param");
    const access = await authorize(db, c.get("user").id, orgId, "customers.write");
    const input = c.req.valid("json");
    const ctx = serviceCtx(c, deps);
    return c.json(await createCustomerKey({ ctx, access, customerId, input }), 201);
  });
  app.openapi(list, async (c) => {
    const { orgId } = c.req.valid("param");
    await authorize(db, c.get("user").id, orgId, "customers.read");
    return c.json(await listCustomerKeys(db, orgId, c.req.valid("query")), 200);
  });
  app.openapi(patch, async (c) => {
    const { orgId, customerId, keyId } = c.req.valid("param");
    const access = await authorize(db, c.get("user").id, orgId, "customers.write");
    const input = c.req.valid("json");
    const ctx = serviceCtx(c, deps);
    return c.json(await updateCustomerKey({ ctx, access, customerId, keyId, input }), 200);
  });
  app.openapi(revoke, async (c) => {
    const { orgId, customerId, keyId } = c.req.valid("param");
    const access = await authorize(db, c.get("user").id, orgId, "customers.write");
    await revokeCustomerKey({ ctx: serviceCtx(c, deps), access, customerId, keyId });
    return c.body(null, 204);
  });
  app.openapi(rotate, async (c) => {
    const { orgId, customerId, keyId } = c.req.valid("param");
    const access = await authorize(db, c.get("user").id, orgId, "customers.write");
    const input = c.req.valid("json");
    const ctx = serviceCtx(c, deps);
    return c.json(await rotateCustomerKey({ ctx, access, customerId, keyId, input }), 201);
  });
}
