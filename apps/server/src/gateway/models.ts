import type { Hono } from "hono";
import type { Deps } from "../deps.ts";
import type { CatalogueModel } from "../services/gateway/catalogue.ts";
import { modelNotFound } from "../services/gateway/errors.ts";
import { modelsForKey } from "../services/gateway/resolve.ts";
import type { GatewayEnv } from "./auth.ts";
import { gatewayRuntime } from "./runtime.ts";

const card = (m: CatalogueModel) => ({
  id: m.publicId,
  object: "model" as const,
  created: Math.floor(m.createdAt.getTime() / 1000),
  owned_by: "edgeplane",
});

/** GET /models and /models/{id}: what this key may call and a node in its regions serves now. */
export function registerModelList(app: Hono<GatewayEnv>, deps: Deps) {
  app.get("/models", async (c) => {
    const models = await modelsForKey(gatewayRuntime(deps), c.get("customerKey"));
    return c.json({ object: "list", data: models.map(card) }, 200, c.get("responseHeaders"));
  });
  app.get("/models/:model{.+}", async (c) => {
    const id = c.req.param("model");
    const models = await modelsForKey(gatewayRuntime(deps), c.get("customerKey"));
    const model = models.find((m) => m.publicId === id);
    if (!model) throw modelNotFound(id);
    return c.json(card(model), 200, c.get("responseHeaders"));
  });
}
