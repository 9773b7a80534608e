import {
  assignIncidentInput,
  incidentDetailSchema,
  incidentNoteInput,
  incidentSchema,
  incidentStatusInput,
  listIncidentsQuery,
  resolveIncidentInput,
} from "@edgeplane/contracts";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Deps } from "../../../deps.ts";
import type { AppEnv } from "../../../http/env.ts";
import { authorize } from "../../../services/access/membership.ts";
import { acknowledgeIncident } from "../../../services/incidents/acknowledge.ts";
import { addIncidentNote } from "../../../services/incidents/add-note.ts";
import { assignIncident } from "../../../services/incidents/assign.ts";
import { changeIncidentStatus } from "../../../services/incidents/change-status.ts";
import { getIncident } from "../../../services/incidents/get.ts";
import { listIncidents } from "../../../services/incidents/list.ts";
import { resolveIncident } from "../../../services/incidents/resolve.ts";
import { type Api, serviceCtx } from "../../types.ts";
import { body, errorResponses, idParam, json, orgIdParam, pageOf } from "../schemas.ts";

const tags = ["Incidents"];
const security = [{ bearer: [] }];
const params = orgIdParam.extend({ incidentId: idParam("incidentId") });
const detail = json(incidentDetailSchema, "The incident with its timeline");

const list = createRoute({
  method: "get",
  path: "/orgs/{orgId}/incidents",
  tags,
  security,
  summary: "Incidents, newest first: open (default), resolved or all; by severity, site, node",
  request: { params: orgIdParam, query: listIncidentsQuery },
  responses: {
    200: json(pageOf(incidentSchema, "IncidentPage"), "A page of incidents"),
    ...errorResponses,
  },
});

const get = createRoute({
  method: "get",
  path: "/orgs/{orgId}/incidents/{incidentId}",
  tags,
  security,
  summary: "One incident and its timeline",
  request: { params },
  responses: { 200: detail, ...errorResponses },
});

const action = <T extends z.ZodType>(path: string, summary: string, input: T) =>
  createRoute({
    method: "post",
    path: `/orgs/{orgId}/incidents/{incidentId}/${path}`,
    tags,
    security,
    summary,
    request: { params, body: body(input) },
    responses: { 200: detail, ...errorResponses },
  });

const acknowledge = action(
  "acknowledge",
  "Acknowledge (a second time changes nothing)",
  z.object({}),
);
const assign = action("assign", "Assign to a member (null: unassign)", assignIncidentInput);
const note = action("notes", "Add a note to the timeline", incidentNoteInput);
const status = action(
  "status",
  "Change status: investigating, identified, monitoring, resolved",
  incidentStatusInput,
);
const resolve = action("resolve", "Resolve by hand", resolveIncidentInput);

export function registerIncidents(app: Api, deps: Deps) {
  const db = deps.database.db;
  const target = async (
    c: Context<AppEnv>,
    { orgId, incidentId }: { orgId: string; incidentId: string },
  ) => {
    const access = await authorize(db, c.get("user").id, orgId, "incidents.write");
    return { ctx: serviceCtx(c, deps), access, incidentId };
  };
  app.openapi(list, async (c) => {
    const { orgId } = c.req.valid("param");
    await authorize(db, c.get("user").id, orgId, "incidents.read");
    return c.json(await listIncidents(db, orgId, c.req.valid("query")), 200);
  });
  app.openapi(get, async (c) => {
    const { orgId, incidentId } = c.req.valid("param");
    await authorize(db, c.get("user").id, orgId, "incidents.read");
    return c.json(await getIncident(db, orgId, incidentId), 200);
  });
  app.openapi(acknowledge, async (c) =>
    c.json(await acknowledgeIncident(await target(c, c.req.valid("param"))), 200),
  );
  app.openapi(assign, async (c) => {
    const { assigneeId } = c.req.valid("json");
    return c.json(
      await assignIncident({ ...(await target(c, c.req.valid("param"))), assigneeId }),
      200,
    );
  });
  app.openapi(note, async (c) => {
    const { body: text } = c.req.valid("json");
    return c.json(
      await addIncidentNote({ ...(await target(c, c.req.valid("param"))), body: text }),
      200,
    );
  });
  app.openapi(status, async (c) => {
    const input = c.req.valid("json");
    return c.json(
      await changeIncidentStatus({ ...(await target(c, c.req.valid("param"))), ...input }),
      200,
    );
  });
  app.openapi(resolve, async (c) => {
    const input = c.req.valid("json");
    return c.json(
      await resolveIncident({ ...(await target(c, c.req.valid("param"))), ...input }),
      200,
    );
  });
}
