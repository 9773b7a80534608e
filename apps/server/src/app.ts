import { OpenAPIHono } from "@hono/zod-openapi";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import type { Deps } from "./deps.ts";
import { AppError, NotFoundError } from "./errors.ts";
import { gatewayRoutes } from "./gateway/index.ts";
import { docsRoutes } from "./http/docs.ts";
import type { AppEnv } from "./http/env.ts";
import { requestContext } from "./http/middleware/request-context.ts";
import { requireUser } from "./http/middleware/require-user.ts";
import { securityHeaders } from "./http/middleware/security.ts";
import { renderProblem } from "./http/problem.ts";
import { spaRoutes } from "./http/spa.ts";
import { validationHook } from "./http/validation.ts";
import { agentRoutes } from "./routes/agent/index.ts";
import { registerConfig } from "./routes/api/config.ts";
import { registerCustomerKeys } from "./routes/api/customers/keys.ts";
import { registerCustomers } from "./routes/api/customers/routes.ts";
import { devOutboxRoutes } from "./routes/api/dev-outbox.ts";
import { registerIncidents } from "./routes/api/incidents/routes.ts";
import { registerMe } from "./routes/api/me.ts";
import { registerMembers } from "./routes/api/members/routes.ts";
import { registerModels } from "./routes/api/models/routes.ts";
import { registerNodeKeys } from "./routes/api/node-keys/routes.ts";
import { registerNodes } from "./routes/api/nodes/routes.ts";
import { registerOperator } from "./routes/api/operator/routes.ts";
import { registerOrgs } from "./routes/api/orgs/routes.ts";
import { registerSites } from "./routes/api/sites/routes.ts";
import { registerStatus } from "./routes/api/status/routes.ts";
import { registerTelemetry } from "./routes/api/telemetry/routes.ts";
import { registerUsage } from "./routes/api/usage/routes.ts";
import { authRoutes } from "./routes/auth/index.ts";
import { opsRoutes } from "./routes/ops/routes.ts";

/** The control plane's API surface (/api), documented from its route schemas. */
export function createApi(deps: Deps) {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  api.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "A Supabase access token (from the dashboard's session)",
  });
  const signedIn = requireUser(deps);
  for (const path of ["/me", "/orgs", "/orgs/*"]) api.use(path, signedIn);
  registerConfig(api, deps);
  registerMe(api, deps);
  registerOrgs(api, deps);
  registerMembers(api, deps);
  registerSites(api, deps);
  registerNodes(api, deps);
  registerNodeKeys(api, deps);
  registerCustomers(api, deps);
  registerCustomerKeys(api, deps);
  registerModels(api, deps);
  registerUsage(api, deps);
  registerOperator(api, deps);
  registerTelemetry(api, deps);
  registerIncidents(api, deps);
  registerStatus(api, deps);
  api.route("/", devOutboxRoutes(deps));
  api.route("/", docsRoutes());
  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Edgeplane control plane",
      version: "0.1.0",
      description: "Sites, nodes, fleet operations and customer access for edge AI inference.",
    },
    servers: [{ url: "/api" }],
  });
  return api;
}

export function createApp(deps: Deps) {
  const { config } = deps;
  const app = new Hono<AppEnv>();
  app.use(deps.metrics.middleware);
  if (config.corsOrigins.length > 0) {
    const policy = cors({ origin: config.corsOrigins, maxAge: 600 });
    app.use("/api/*", policy);
    app.use("/auth/v1/*", policy);
  }
  // Before the request context, security headers, body limit and problem-JSON renderer:
  // /api/v1 has its own of each (gatewayContext; OpenAI's error shape).
  app.route("/api/v1", gatewayRoutes(deps));
  app.use(requestContext(deps.log));
  app.use(securityHeaders(config));
  app.use(
    bodyLimit({
      maxSize: config.bodyLimitBytes,
      onError: (c) =>
        renderProblem(
          c,
          new AppError("payload_too_large", `The body is over ${config.bodyLimitBytes} bytes`),
        ),
    }),
  );
  app.onError((err, c) => renderProblem(c, err));

  app.route("/", opsRoutes(deps));
  if (config.authMode === "builtin") app.route("/auth/v1", authRoutes(deps));
  app.route("/api/agent/v1", agentRoutes(deps));
  app.route("/api", createApi(deps));
  app.all("/api/*", (c) => {
    throw new NotFoundError(`${c.req.method} ${c.req.path}`);
  });
  app.all("/auth/v1/*", (c) => {
    throw new NotFoundError(`${c.req.method} ${c.req.path}`);
  });
  app.route("/", spaRoutes());
  return app;
}

export type App = ReturnType<typeof createApp>;
export { OpenAPIHono };
