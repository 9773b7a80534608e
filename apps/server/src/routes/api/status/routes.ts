import { statusSchema } from "@edgeplane/contracts";
import { createRoute } from "@hono/zod-openapi";
import type { Deps } from "../../../deps.ts";
import { authorize } from "../../../services/access/membership.ts";
import { getStatusPage } from "../../../services/status/get.ts";
import type { Api } from "../../types.ts";
import { errorResponses, json, orgIdParam } from "../schemas.ts";

const status = createRoute({
  method: "get",
  path: "/orgs/{orgId}/status",
  tags: ["Status"],
  security: [{ bearer: [] }],
  summary: "Regions, sites and models: state now, 90 daily uptime values, active incidents",
  description:
    "States follow Statuspage (operational … major_outage, under_maintenance). Daily uptime weighs a major outage as fully down, a partial outage as half (OpenStatus).",
  request: { params: orgIdParam },
  responses: { 200: json(statusSchema, "The status page"), ...errorResponses },
});

export function registerStatus(app: Api, deps: Deps) {
  const db = deps.database.db;
  app.openapi(status, async (c) => {
    const { orgId } = c.req.valid("param");
    await authorize(db, c.get("user").id, orgId, "telemetry.read");
    return c.json(await getStatusPage(db, orgId, Date.now()), 200);
  });
}
