import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { errorResponses, json } from "../api/schemas.ts";
import type { AgentEnv } from "./auth.ts";

const whoamiSchema = z
  .object({ nodeId: z.string(), orgId: z.string(), siteId: z.string() })
  .openapi("AgentIdentity");

const route = createRoute({
  method: "get",
  path: "/whoami",
  tags: ["Agent"],
  security: [{ nodeKey: [] }],
  summary: "The node, organization and site this node key belongs to",
  responses: { 200: json(whoamiSchema, "Who this key is"), 401: errorResponses[401] },
});

export function registerWhoami(app: OpenAPIHono<AgentEnv>) {
  app.openapi(route, (c) => {
    const { nodeId, orgId, siteId } = c.get("agent");
    return c.json({ nodeId, orgId, siteId }, 200);
  });
}
