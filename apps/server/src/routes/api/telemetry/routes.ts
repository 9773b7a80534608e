import { seriesQuery, seriesSchema } from "@edgeplane/contracts";
import { createRoute } from "@hono/zod-openapi";
import type { Deps } from "../../../deps.ts";
import { authorize } from "../../../services/access/membership.ts";
import { getSeries } from "../../../services/telemetry/series.ts";
import type { Api } from "../../types.ts";
import { errorResponses, json, orgIdParam } from "../schemas.ts";

const series = createRoute({
  method: "get",
  path: "/orgs/{orgId}/telemetry/series",
  tags: ["Observability"],
  security: [{ bearer: [] }],
  summary: "Time series of the fleet, a site or a node: min/avg/max per point",
  description:
    "1h: raw samples (node, 10 s points) or 1-minute rollups (site, fleet); 24h: 5-minute rollups; 7d: 1-hour rollups; 30d: 1-hour rollups in 3-hour points. Buckets without data come back with nulls.",
  request: { params: orgIdParam, query: seriesQuery },
  responses: { 200: json(seriesSchema, "The series"), ...errorResponses },
});

export function registerTelemetry(app: Api, deps: Deps) {
  const db = deps.database.db;
  app.openapi(series, async (c) => {
    const { orgId } = c.req.valid("param");
    await authorize(db, c.get("user").id, orgId, "telemetry.read");
    return c.json(await getSeries(db, orgId, c.req.valid("query"), Date.now()), 200);
  });
}
