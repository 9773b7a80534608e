import { createSiteInput, listSitesQuery, updateSiteInput } from "@edgeplane/contracts";
import { createRoute } from "@hono/zod-openapi";
import type { Deps } from "../../../deps.ts";
import { authorize } from "../../../services/access/membership.ts";
import { createSite } from "../../../services/sites/create.ts";
import { deleteSite } from "../../../services/sites/delete.ts";
import { getSite } from "../../../services/sites/get.ts";
import { listSites } from "../../../services/sites/list.ts";
import { updateSite } from "../../../services/sites/update.ts";
import { type Api, serviceCtx } from "../../types.ts";
import { body, errorResponses, json, orgIdParam, pageOf } from "../schemas.ts";
import { siteParams, siteSchema } from "./schema.ts";

const tags = ["Sites"];
const security = [{ bearer: [] }];

const post = createRoute({
  method: "post",
  path: "/orgs/{orgId}/sites",
  tags,
  security,
  summary: "Register a host site",
  request: { params: orgIdParam, body: body(createSiteInput) },
  responses: { 201: json(siteSchema, "The new site"), ...errorResponses },
});

const list = createRoute({
  method: "get",
  path: "/orgs/{orgId}/sites",
  tags,
  security,
  summary: "Sites, newest first; search by name or city, filter by type, country, region, status",
  request: { params: orgIdParam, query: listSitesQuery },
  responses: { 200: json(pageOf(siteSchema, "SitePage"), "A page of sites"), ...errorResponses },
});

const get = createRoute({
  method: "get",
  path: "/orgs/{orgId}/sites/{siteId}",
  tags,
  security,
  summary: "One site with its node count and power headroom",
  request: { params: siteParams },
  responses: { 200: json(siteSchema, "The site"), ...errorResponses },
});

const patch = createRoute({
  method: "patch",
  path: "/orgs/{orgId}/sites/{siteId}",
  tags,
  security,
  summary: "Change a site (retire it by setting status to retired)",
  request: { params: siteParams, body: body(updateSiteInput) },
  responses: { 200: json(siteSchema, "The updated site"), ...errorResponses },
});

const remove = createRoute({
  method: "delete",
  path: "/orgs/{orgId}/sites/{siteId}",
  tags,
  security,
  summary: "Delete a site without nodes (409 while nodes are attached: retire it instead)",
  request: { params: siteParams },
  responses: { 204: { description: "Deleted" }, ...errorResponses },
});

export function registerSites(app: Api, deps: Deps) {
  const db = deps.database.db;
  app.openapi(post, async (c) => {
    const { orgId } = c.req.valid("param");
    const access = await authorize(db, c.get("user").id, orgId, "sites.write");
    const site = await createSite({ ctx: serviceCtx(c, deps), access, input: c.req.valid("json") });
    return c.json(site, 201);
  });
  app.openapi(list, async (c) => {
    const { orgId } = c.req.valid("param");
    await authorize(db, c.get("user").id, orgId, "sites.read");
    return c.json(await listSites(db, orgId, c.req.valid("query")), 200);
  });
  app.openapi(get, async (c) => {
    const { orgId, siteId } = c.req.valid("param");
    await authorize(db, c.get("user").id, orgId, "sites.read");
    return c.json(await getSite(db, orgId, siteId), 200);
  });
  app.openapi(patch, async (c) => {
    const { orgId, siteId } = c.req.valid("param");
    const access = await authorize(db, c.get("user").id, orgId, "sites.write");
    const input = c.req.valid("json");
    return c.json(await updateSite({ ctx: serviceCtx(c, deps), access, siteId, input }), 200);
  });
  app.openapi(remove, async (c) => {
    const { orgId, siteId } = c.req.valid("param");
    const access = await authorize(db, c.get("user").id, orgId, "sites.write");
    await deleteSite({ ctx: serviceCtx(c, deps), access, siteId });
    return c.body(null, 204);
  });
}
