import { Hono } from "hono";
import type { Deps } from "../../deps.ts";
import { UnauthorizedError } from "../../errors.ts";
import type { AppEnv } from "../../http/env.ts";
import { timingSafeEqualString } from "../../lib/secrets.ts";

/** Liveness, readiness and Prometheus metrics for load balancers and scrapers. */
export function opsRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    try {
      await deps.database.ping();
      return c.json({ status: "ready", database: deps.database.kind });
    } catch (err) {
      c.get("log").warn({ err }, "readiness check failed");
      return c.json({ status: "unavailable", database: deps.database.kind }, 503);
    }
  });
  app.get("/metrics", async (c) => {
    const token = deps.config.metricsToken;
    if (token) {
      const given = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1] ?? "";
      if (!timingSafeEqualString(given, token))
        throw new UnauthorizedError("A metrics token is required");
    }
    const { registry } = deps.metrics;
    c.header("content-type", registry.contentType);
    return c.body(await registry.metrics());
  });
  return app;
}
