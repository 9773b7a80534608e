import { createModelInput, listModelsQuery, updateModelInput } from "@edgeplane/contracts";
import { createRoute } from "@hono/zod-openapi";
import type { Deps } from "../../../deps.ts";
import { gatewayRuntime } from "../../../gateway/runtime.ts";
import { authorize } from "../../../services/access/membership.ts";
import { createModel } from "../../../services/models/create.ts";
import { deleteModel } from "../../../services/models/delete.ts";
import { getModel } from "../../../services/models/get.ts";
import { listModels } from "../../../services/models/list.ts";
import { updateModel } from "../../../services/models/update.ts";
import { type Api, serviceCtx } from "../../types.ts";
import { body, errorResponses, json, orgIdParam, pageOf } from "../schemas.ts";
import { modelParams, modelSchema } from "./schema.ts";

const tags = ["Models"];
const security = [{ bearer: [] }];

const post = createRoute({
  method: "post",
  path: "/orgs/{orgId}/models",
  tags,
  security,
  summary: "Add a model to the catalogue: public id → upstream name, prices per 1M tokens",
  request: { params: orgIdParam, body: body(createModelInput) },
  responses: { 201: json(modelSchema, "The new model"), ...errorResponses },
});

const list = createRoute({
  method: "get",
  path: "/orgs/{orgId}/models",
  tags,
  security,
  summary: "The model catalogue with the regions that can serve each model now",
  request: { params: orgIdParam, query: listModelsQuery },
  responses: { 200: json(pageOf(modelSchema, "ModelPage"), "A page of models"), ...errorResponses },
});

const get = createRoute({
  method: "get",
  path: "/orgs/{orgId}/models/{modelId}",
  tags,
  security,
  summary: "One model with its availability per region",
  request: { params: modelParams },
  responses: { 200: json(modelSchema, "The model"), ...errorResponses },
});

const patch = createRoute({
  method: "patch",
  path: "/orgs/{orgId}/models/{modelId}",
  tags,
  security,
  summary: "Change a model's mapping, prices or status",
  request: { params: modelParams, body: body(updateModelInput) },
  responses: { 200: json(modelSchema, "The updated model"), ...errorResponses },
});

const remove = createRoute({
  method: "delete",
  path: "/orgs/{orgId}/models/{modelId}",
  tags,
  security,
  summary: "Remove a model from the catalogue (its usage history stays)",
  request: { params: modelParams },
  responses: { 204: { description: "Deleted" }, ...errorResponses },
});

export function registerModels(app: Api, deps: Deps) {
  const db = deps.database.db;
  const live = () => gatewayRuntime(deps).live();
  app.openapi(post, async (c) => {
    const { orgId } = c.req.valid("param");
    const access = await authorize(db, c.get("user").id, orgId, "models.write");
    const input = c.req.valid("json");
    return c.json(
      await createModel({ ctx: serviceCtx(c, deps), access, input, live: live() }),
      201,
    );
  });
  app.openapi(list, async (c) => {
    const { orgId } = c.req.valid("param");
    await authorize(db, c.get("user").id, orgId, "models.read");
    return c.json(await listModels(db, orgId, c.req.valid("query"), live()), 200);
  });
  app.openapi(get, async (c) => {
    const { orgId, modelId } = c.req.valid("param");
    await authorize(db, c.get("user").id, orgId, "models.read");
    return c.json(await getModel(db, orgId, modelId, live()), 200);
  });
  app.openapi(patch, async (c) => {
    const { orgId, modelId } = c.req.valid("param");
    const access = await authorize(db, c.get("user").id, orgId, "models.write");
    const input = c.req.valid("json");
    const ctx = serviceCtx(c, deps);
    return c.json(await updateModel({ ctx, access, modelId, input, live: live() }), 200);
  });
  app.openapi(remove, async (c) => {
    const { orgId, modelId } = c.req.valid("param");
    const access = await authorize(db, c.get("user").id, orgId, "models.write");
    await deleteModel({ ctx: serviceCtx(c, deps), access, modelId });
    return c.body(null, 204);
  });
}
