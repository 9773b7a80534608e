import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import type { Deps } from "../deps.ts";
import { GatewayError } from "../services/gateway/errors.ts";
import { type GatewayEnv, requireCustomerKey } from "./auth.ts";
import { gatewayContext } from "./context.ts";
import { registerInference } from "./inference.ts";
import { registerModelList } from "./models.ts";
import { renderGatewayError } from "./render.ts";

/** Chat contexts with images and embedding batches outgrow the control plane's body limit. */
const gatewayBodyLimitBytes = 16 * 1024 * 1024;

const tooLarge = () =>
  new GatewayError(
    413,
    "invalid_request_error",
    "request_too_large",
    "The request body is too large.",
  );

/**
 * hono's bodyLimit reads `c.req.raw.body`, which makes @hono/node-server build a whole web Request
 * (a tenth of the gateway's CPU per request). Node's parser holds a body to its content-length,
 * so that header is all a request with one needs; chunked bodies still go through bodyLimit.
 */
function gatewayBodyLimit(maxSize: number, onError: (c: Context) => Response) {
  const chunked = bodyLimit({ maxSize, onError });
  return createMiddleware(async function gatewayBodyLimit(c, next) {
    const length = c.req.header("content-length");
    if (length === undefined || c.req.header("transfer-encoding") !== undefined) {
      return chunked(c, next);
    }
    if (Number(length) > maxSize) return onError(c);
    await next();
  });
}

/**
 * The OpenAI-compatible surface (/api/v1): customer keys, OpenAI's error shape, routing to
 * nodes through their agents' tunnels, limits and metering.
 */
export function gatewayRoutes(deps: Deps) {
  const app = new Hono<GatewayEnv>();
  app.use(gatewayContext(deps));
  app.onError((err, c) => renderGatewayError(c, err));
  app.use(
    gatewayBodyLimit(Math.max(deps.config.bodyLimitBytes, gatewayBodyLimitBytes), (c) =>
      renderGatewayError(c, tooLarge()),
    ),
  );
  const auth = requireCustomerKey(deps);
  for (const path of ["/models", "/models/*", "/chat/completions", "/embeddings"]) {
    app.use(path, auth);
  }
  registerModelList(app, deps);
  registerInference(app, deps);
  app.all("*", (c) => {
    throw new GatewayError(
      404,
      "invalid_request_error",
      "unknown_url",
      `Unrecognized request URL (${c.req.method}: ${c.req.path}).`,
    );
  });
  return app;
}
