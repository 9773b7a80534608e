import { createMiddleware } from "hono/factory";
import { matchedRoutes } from "hono/route";
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";
import type { AppEnv } from "../env.ts";

export interface HttpMetrics {
  registry: Registry;
  middleware: ReturnType<typeof createMiddleware<AppEnv>>;
}

/** Request counts and latency by matched route (never raw path: ids would explode cardinality). */
export function createHttpMetrics(): HttpMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "edgeplane_" });
  const requests = new Counter({
    name: "edgeplane_http_requests_total",
    help: "HTTP requests by method, route and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "edgeplane_http_request_duration_seconds",
    help: "HTTP request latency by method, route and status",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const middleware = createMiddleware<AppEnv>(async function httpMetrics(c, next) {
    const end = duration.startTimer();
    await next();
    const handler = matchedRoutes(c).findLast((r) => r.method !== "ALL");
    const matched = handler && handler.path !== "*" && handler.path !== "/*" ? handler.path : null;
    const route = matched ?? (c.req.path.startsWith("/api") ? "unmatched" : "spa");
    const labels = { method: c.req.method, route, status: String(c.res.status) };
    requests.inc(labels);
    end(labels);
  });
  return { registry, middleware };
}
