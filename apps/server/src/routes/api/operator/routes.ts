import { maintenanceInput, nodeStateSchema, operatorSummarySchema } from "@edgeplane/contracts";
import { createRoute } from "@hono/zod-openapi";
import type { Deps } from "../../../deps.ts";
import { authorize } from "../../../services/access/membership.ts";
import { setMaintenance } from "../../../services/health/maintenance.ts";
import { getNodeState } from "../../../services/health/state.ts";
import { getOperatorSummary } from "../../../services/operator/summary.ts";
import { type Api, serviceCtx } from "../../types.ts";
import { nodeParams } from "../nodes/schema.ts";
import { body, errorResponses, json, orgIdParam } from "../schemas.ts";

const security = [{ bearer: [] }];

const summary = createRoute({
  method: "get",
  path: "/orgs/{orgId}/operator/summary",
  tags: ["Operations"],
  security,
  summary: "Mission control: node and GPU counts, open incidents, sites, who needs attention first",
  request: { params: orgIdParam },
  responses: { 200: json(operatorSummarySchema, "The summary"), ...errorResponses },
});

const state = createRoute({
  method: "get",
  path: "/orgs/{orgId}/nodes/{nodeId}/state",
  tags: ["Operations"],
  security,
  summary: "A node's health state, why it has it, and its newest telemetry",
  request: { params: nodeParams },
  responses: { 200: json(nodeStateSchema, "The node's state"), ...errorResponses },
});

const maintenance = createRoute({
  method: "put",
  path: "/orgs/{orgId}/nodes/{nodeId}/maintenance",
  tags: ["Operations"],
  security,
  summary: "Start or end maintenance (no incidents open for a node in maintenance)",
  request: { params: nodeParams, body: body(maintenanceInput) },
  responses: { 200: json(nodeStateSchema, "The node's state now"), ...errorResponses },
});

export function registerOperator(app: Api, deps: Deps) {
  const db = deps.database.db;
  app.openapi(summary, async (c) => {
    const { orgId } = c.req.valid("param");
    await authorize(db, c.get("user").id, orgId, "telemetry.read");
    return c.json(await getOperatorSummary(db, orgId, Date.now()), 200);
  });
  app.openapi(state, async (c) => {
    const { orgId, nodeId } = c.req.valid("param");
    await authorize(db, c.get("user").id, orgId, "telemetry.read");
    return c.json(await getNodeState(db, orgId, nodeId), 200);
  });
  app.openapi(maintenance, async (c) => {
    const { orgId, nodeId } = c.req.valid("param");
    const access = await authorize(db, c.get("user").id, orgId, "nodes.maintenance");
    const result = await setMaintenance({
      ctx: serviceCtx(c, deps),
      access,
      nodeId,
      input: c.req.valid("json"),
      thresholds: deps.config.ops.health,
    });
    return c.json(result, 200);
  });
}
