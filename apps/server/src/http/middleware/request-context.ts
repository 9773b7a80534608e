import { newId } from "@edgeplane/contracts";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { Logger } from "../../logger.ts";
import type { AppEnv } from "../env.ts";

const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's x-request-id when it is sane, else a new one. */
export function requestIdFor(incoming: string | undefined): string {
  return incoming && acceptable.test(incoming) ? incoming : newId("request");
}

/** The one access-log line of a request, once it has been answered. */
export function logRequest(log: Logger, c: Context, started: number): void {
  const ms = Math.round((performance.now() - started) * 100) / 100;
  log.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms }, "request");
}

/** Gives every request an id (kept from x-request-id when sane) and a child logger. */
export function requestContext(log: Logger) {
  return createMiddleware<AppEnv>(async function requestContext(c, next) {
    const requestId = requestIdFor(c.req.header("x-request-id"));
    c.set("requestId", requestId);
    c.set("log", log.child({ requestId }));
    c.header("x-request-id", requestId);
    const started = performance.now();
    await next();
    c.header("x-request-id", requestId);
    logRequest(c.get("log"), c, started);
  });
}
