import { createNodeInput, listNodesQuery, updateNodeInput } from "@edgeplane/contracts";
import { createRoute } from "@hono/zod-openapi";
import type { Deps } from "../../../deps.ts";
import { authorize } from "../../../services/access/membership.ts";
import { deleteNode } from "../../../services/nodes/delete.ts";
import { getNode } from "../../../services/nodes/get.ts";
import { listNodes } from "../../../services/nodes/list.ts";
import { registerNode } from "../../../services/nodes/register.ts";
import { updateNode } from "../../../services/nodes/update.ts";
import { type Api, serviceCtx } from "../../types.ts";
import { body, errorResponses, json, orgIdParam, pageOf } from "../schemas.ts";
import { nodeParams, nodeSchema } from "./schema.ts";

const tags = ["Nodes"];
const security = [{ bearer: [] }];

const post = createRoute({
  method: "post",
  path: "/orgs/{orgId}/nodes",
  tags,
  security,
  summary: "Register a node on a site (over the site's power capacity: allowed, with a warning)",
  request: { params: orgIdParam, body: body(createNodeInput) },
  responses: { 201: json(nodeSchema, "The new node, pending"), ...errorResponses },
});

const list = createRoute({
  method: "get",
  path: "/orgs/{orgId}/nodes",
  tags,
  security,
  summary:
    "Nodes, newest first; search by name or external id, filter by site, status, accelerator",
  request: { params: orgIdParam, query: listNodesQuery },
  responses: { 200: json(pageOf(nodeSchema, "NodePage"), "A page of nodes"), ...errorResponses },
});

const get = createRoute({
  method: "get",
  path: "/orgs/{orgId}/nodes/{nodeId}",
  tags,
  security,
  summary: "One node",
  request: { params: nodeParams },
  responses: { 200: json(nodeSchema, "The node"), ...errorResponses },
});

const patch = createRoute({
  method: "patch",
  path: "/orgs/{orgId}/nodes/{nodeId}",
  tags,
  security,
  summary: "Change a node (labels are replaced as a whole)",
  request: { params: nodeParams, body: body(updateNodeInput) },
  responses: { 200: json(nodeSchema, "The updated node"), ...errorResponses },
});

const remove = createRoute({
  method: "delete",
  path: "/orgs/{orgId}/nodes/{nodeId}",
  tags,
  security,
  summary: "Delete a node and its keys",
  request: { params: nodeParams },
  responses: { 204: { description: "Deleted" }, ...errorResponses },
});

export function registerNodes(app: Api, deps: Deps) {
  const db = deps.database.db;
  app.openapi(post, async (c) => {
    const { orgId } = c.req.valid("param");
    const access = await authorize(db, c.get("user").id, orgId, "nodes.write");
    const node = await registerNode({
      ctx: serviceCtx(c, deps),
      access,
      input: c.req.valid("json"),
    });
    return c.json(node, 201);
  });
  app.openapi(list, async (c) => {
    const { orgId } = c.req.valid("param");
    await authorize(db, c.get("user").id, orgId, "nodes.read");
    return c.json(await listNodes(db, orgId, c.req.valid("query")), 200);
  });
  app.openapi(get, async (c) => {
    const { orgId, nodeId } = c.req.valid("param");
    await authorize(db, c.get("user").id, orgId, "nodes.read");
    return c.json(await getNode(db, orgId, nodeId), 200);
  });
  app.openapi(patch, async (c) => {
    const { orgId, nodeId } = c.req.valid("param");
    const access = await authorize(db, c.get("user").id, orgId, "nodes.write");
    const input = c.req.valid("json");
    return c.json(await updateNode({ ctx: serviceCtx(c, deps), access, nodeId, input }), 200);
  });
  app.openapi(remove, async (c) => {
    const { orgId, nodeId } = c.req.valid("param");
    const access = await authorize(db, c.get("user").id, orgId, "nodes.write");
    await deleteNode({ ctx: serviceCtx(c, deps), access, nodeId });
    return c.body(null, 204);
  });
}
