import { usageExportQuery, usageQuery } from "@edgeplane/contracts";
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../../../deps.ts";
import { authorize } from "../../../services/access/membership.ts";
import { exportUsageCsv } from "../../../services/usage/export.ts";
import { listUsage } from "../../../services/usage/list.ts";
import { usageSummary } from "../../../services/usage/summary.ts";
import type { Api } from "../../types.ts";
import { errorResponses, json, orgIdParam, pageOf } from "../schemas.ts";
import { usageRowSchema, usageSummarySchema } from "./schema.ts";

const tags = ["Usage"];
const security = [{ bearer: [] }];

const list = createRoute({
  method: "get",
  path: "/orgs/{orgId}/usage",
  tags,
  security,
  summary: "Requests, tokens, errors and cost per customer key, model and UTC day",
  request: { params: orgIdParam, query: usageQuery },
  responses: {
    200: json(pageOf(usageRowSchema, "UsagePage"), "A page of daily usage rows"),
    ...errorResponses,
  },
});

const summary = createRoute({
  method: "get",
  path: "/orgs/{orgId}/usage/summary",
  tags,
  security,
  summary: "Totals over the same range and filters as the list",
  request: { params: orgIdParam, query: usageExportQuery },
  responses: { 200: json(usageSummarySchema, "Totals"), ...errorResponses },
});

const exportCsv = createRoute({
  method: "get",
  path: "/orgs/{orgId}/usage/export",
  tags,
  security,
  summary: "The usage rows as CSV (at most 100,000 rows)",
  request: { params: orgIdParam, query: usageExportQuery },
  responses: {
    200: {
      description: "CSV, one row per key, model and day",
      content: { "text/csv": { schema: z.string() } },
    },
    ...errorResponses,
  },
});

export function registerUsage(app: Api, deps: Deps) {
  const db = deps.database.db;
  app.openapi(list, async (c) => {
    const { orgId } = c.req.valid("param");
    await authorize(db, c.get("user").id, orgId, "usage.read");
    return c.json(await listUsage(db, orgId, c.req.valid("query")), 200);
  });
  app.openapi(summary, async (c) => {
    const { orgId } = c.req.valid("param");
    await authorize(db, c.get("user").id, orgId, "usage.read");
    return c.json(await usageSummary(db, orgId, c.req.valid("query")), 200);
  });
  app.openapi(exportCsv, async (c) => {
    const { orgId } = c.req.valid("param");
    await authorize(db, c.get("user").id, orgId, "usage.read");
    const csv = await exportUsageCsv(db, orgId, c.req.valid("query"));
    c.header("content-type", "text/csv; charset=utf-8");
    c.header("content-disposition", `attachment; filename="usage-${orgId}.csv"`);
    return c.body(csv, 200);
  });
}
