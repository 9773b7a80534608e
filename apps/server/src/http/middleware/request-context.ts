import { newId } from "@edgeplane/contracts";
import { createMiddleware } from "hono/factory";
import type { Logger } from "../../logger.ts";
import type { AppEnv } from "../env.ts";

const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;

/** Gives every request an id (kept from x-request-id when sane) and a child logger. */
export function requestContext(log: Logger) {
  return createMiddleware<AppEnv>(async function requestContext(c, next) {
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && acceptable.test(incoming) ? incoming : newId("request");
    c.set("requestId", requestId);
    c.set("log", log.child({ requestId }));
    c.header("x-request-id", requestId);
    const started = performance.now();
    await next();
    c.header("x-request-id", requestId);
    const ms = Math.round((performance.now() - started) * 100) / 100;
    c.get("log").info(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms },
      "request",
    );
  });
}
