import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../../deps.ts";
import { listOrgsForUser } from "../../services/orgs/list-for-user.ts";
import { syncUser } from "../../services/users/sync.ts";
import type { Api } from "../types.ts";
import { errorResponses, json, membershipSchema } from "./schemas.ts";

const meSchema = z
  .object({
    user: z.object({ id: z.string().uuid(), email: z.string() }),
    memberships: z.array(membershipSchema),
  })
  .openapi("Me");

const route = createRoute({
  method: "get",
  path: "/me",
  tags: ["Account"],
  summary: "The signed-in user and their organizations",
  security: [{ bearer: [] }],
  responses: { 200: json(meSchema, "You and your memberships"), 401: errorResponses[401] },
});

export function registerMe(app: Api, deps: Deps) {
  app.openapi(route, async (c) => {
    const user = c.get("user");
    // Signing in is when pending invitations turn into memberships.
    await syncUser(deps.database.db, user, c.get("requestId"));
    const memberships = await listOrgsForUser(deps.database.db, user.id);
    return c.json({ user: { id: user.id, email: user.email }, memberships }, 200);
  });
}
