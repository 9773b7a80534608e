import { createOrgInput, updateOrgInput } from "@edgeplane/contracts";
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../../../deps.ts";
import { authorize } from "../../../services/access/membership.ts";
import { createOrg } from "../../../services/orgs/create.ts";
import { getOrg } from "../../../services/orgs/get.ts";
import { listOrgsForUser } from "../../../services/orgs/list-for-user.ts";
import { updateOrg } from "../../../services/orgs/update.ts";
import { type Api, serviceCtx } from "../../types.ts";
import { errorResponses, json, membershipSchema, orgIdParam, orgSchema } from "../schemas.ts";

const tags = ["Organizations"];
const security = [{ bearer: [] }];

const post = createRoute({
  method: "post",
  path: "/orgs",
  tags,
  security,
  summary: "Create an organization; you become its owner",
  request: {
    body: { required: true, content: { "application/json": { schema: createOrgInput } } },
  },
  responses: {
    201: json(orgSchema, "The new organization"),
    400: errorResponses[400],
    401: errorResponses[401],
  },
});

const list = createRoute({
  method: "get",
  path: "/orgs",
  tags,
  security,
  summary: "Organizations you belong to",
  responses: {
    200: json(z.object({ items: z.array(membershipSchema) }), "Your organizations"),
    401: errorResponses[401],
  },
});

const get = createRoute({
  method: "get",
  path: "/orgs/{orgId}",
  tags,
  security,
  summary: "One organization",
  request: { params: orgIdParam },
  responses: {
    200: json(orgSchema.extend({ role: z.string() }), "The organization and your role"),
    401: errorResponses[401],
    404: errorResponses[404],
  },
});

const patch = createRoute({
  method: "patch",
  path: "/orgs/{orgId}",
  tags,
  security,
  summary: "Rename an organization or change its use case",
  request: {
    params: orgIdParam,
    body: { required: true, content: { "application/json": { schema: updateOrgInput } } },
  },
  responses: {
    200: json(orgSchema, "The updated organization"),
    ...errorResponses,
  },
});

export function registerOrgs(app: Api, deps: Deps) {
  const db = deps.database.db;
  app.openapi(post, async (c) => {
    const org = await createOrg({ ctx: serviceCtx(c, deps), input: c.req.valid("json") });
    return c.json(org, 201);
  });
  app.openapi(list, async (c) => {
    return c.json({ items: await listOrgsForUser(db, c.get("user").id) }, 200);
  });
  app.openapi(get, async (c) => {
    const { orgId } = c.req.valid("param");
    const access = await authorize(db, c.get("user").id, orgId, "org.read");
    return c.json({ ...(await getOrg(db, orgId)), role: access.role }, 200);
  });
  app.openapi(patch, async (c) => {
    const { orgId } = c.req.valid("param");
    await authorize(db, c.get("user").id, orgId, "org.update");
    const org = await updateOrg({ ctx: serviceCtx(c, deps), orgId, input: c.req.valid("json") });
    return c.json(org, 200);
  });
}
