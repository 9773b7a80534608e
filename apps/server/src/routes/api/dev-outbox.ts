import { getConnInfo } from "@hono/node-server/conninfo";
import { Hono } from "hono";
import type { Deps } from "../../deps.ts";
import { AppError, NotFoundError } from "../../errors.ts";
import type { AppEnv } from "../../http/env.ts";

const loopback = /^(127\.|::1$|::ffff:127\.)/;

/**
 * GET /api/dev/outbox: the sign-in e-mails the dev outbox kept, for loopback clients only.
 * It does not exist when SMTP is configured or in production.
 */
export function devOutboxRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.get("/dev/outbox", (c) => {
    const outbox = deps.outbox;
    if (!outbox) throw new NotFoundError("Dev outbox");
    let remote: string | undefined;
    try {
      remote = getConnInfo(c).remote.address;
    } catch {
      remote = undefined; // in-process request (tests): no socket at all
    }
    if (remote !== undefined && !loopback.test(remote)) {
      throw new AppError("forbidden", "The dev outbox answers loopback clients only");
    }
    const to = c.req.query("to")?.toLowerCase();
    const entries = outbox.list().filter((e) => !to || e.to === to);
    return c.json(entries);
  });
  return app;
}
