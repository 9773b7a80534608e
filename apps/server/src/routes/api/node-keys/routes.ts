import { createNodeKeyInput, listNodeKeysQuery, rotateNodeKeyInput } from "@edgeplane/contracts";
import { createRoute } from "@hono/zod-openapi";
import type { Deps } from "../../../deps.ts";
import { authorize } from "../../../services/access/membership.ts";
import { createNodeKey } from "../../../services/node-keys/create.ts";
import { listNodeKeys } from "../../../services/node-keys/list.ts";
import { revokeNodeKey } from "../../../services/node-keys/revoke.ts";
import { rotateNodeKey } from "../../../services/node-keys/rotate.ts";
import { type Api, serviceCtx } from "../../types.ts";
import { nodeParams } from "../nodes/schema.ts";
import { errorResponses, json, orgIdParam, pageOf } from "../schemas.ts";
import {
  issuedKeySchema,
  keyParams,
  nodeKeySchema,
  optionalBody,
  rotatedKeySchema,
} from "./schema.ts";

const tags = ["Node keys"];
const security = [{ bearer: [] }];

const post = createRoute({
  method: "post",
  path: "/orgs/{orgId}/nodes/{nodeId}/keys",
  tags,
  security,
  summary: "Issue a node API key; the secret is in this response only",
  request: { params: nodeParams, body: optionalBody(createNodeKeyInput) },
  responses: { 201: json(issuedKeySchema, "The key and its secret"), ...errorResponses },
});

const list = createRoute({
  method: "get",
  path: "/orgs/{orgId}/node-keys",
  tags,
  security,
  summary: "Every node key of the organization, newest first",
  request: { params: orgIdParam, query: listNodeKeysQuery },
  responses: {
    200: json(pageOf(nodeKeySchema, "NodeKeyPage"), "A page of keys"),
    ...errorResponses,
  },
});

const revoke = createRoute({
  method: "delete",
  path: "/orgs/{orgId}/nodes/{nodeId}/keys/{keyId}",
  tags,
  security,
  summary: "Revoke a key: refused by the agent surface within a second",
  request: { params: keyParams },
  responses: { 204: { description: "Revoked" }, ...errorResponses },
});

const rotate = createRoute({
  method: "post",
  path: "/orgs/{orgId}/nodes/{nodeId}/keys/{keyId}/rotate",
  tags,
  security,
  summary: "Issue a replacement; the old key works for a grace period (default 24 h)",
  request: { params: keyParams, body: optionalBody(rotateNodeKeyInput) },
  responses: {
    201: json(rotatedKeySchema, "The new key, its secret, the old key's end"),
    ...errorResponses,
  },
});

export function registerNodeKeys(app: Api, deps: Deps) {
  const db = deps.database.db;
  app.openapi(post, async (c) => {
    const { orgId, nodeId } = c.req.valid("param");
    const access = await authorize(db, c.get("user").id, orgId, "nodeKeys.write");
    const input = c.req.valid("json");
    return c.json(await createNodeKey({ ctx: serviceCtx(c, deps), access, nodeId, input }), 201);
  });
  app.openapi(list, async (c) => {
    const { orgId } = c.req.valid("param");
    await authorize(db, c.get("user").id, orgId, "nodeKeys.read");
    return c.json(await listNodeKeys(db, orgId, c.req.valid("query")), 200);
  });
  app.openapi(revoke, async (c) => {
    const { orgId, nodeId, keyId } = c.req.valid("param");
    const access = await authorize(db, c.get("user").id, orgId, "nodeKeys.write");
    await revokeNodeKey({ ctx: serviceCtx(c, deps), access, nodeId, keyId });
    return c.body(null, 204);
  });
  app.openapi(rotate, async (c) => {
    const { orgId, nodeId, keyId } = c.req.valid("param");
    const access = await authorize(db, c.get("user").id, orgId, "nodeKeys.write");
    const input = c.req.valid("json");
    const ctx = serviceCtx(c, deps);
    return c.json(await rotateNodeKey({ ctx, access, nodeId, keyId, input }), 201);
  });
}
