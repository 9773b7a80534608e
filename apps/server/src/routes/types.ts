import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import type { ServiceCtx } from "../services/context.ts";

export type Api = OpenAPIHono<AppEnv>;

/** The service context of a signed-in request. */
export function serviceCtx(c: Context<AppEnv>, deps: Deps): ServiceCtx {
  const user = c.get("user");
  return {
    db: deps.database.db,
    actor: { userId: user.id, email: user.email },
    requestId: c.get("requestId"),
    log: c.get("log"),
  };
}
