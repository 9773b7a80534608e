import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Logger } from "../logger.ts";
import { GatewayError, invalidRequest } from "../services/gateway/errors.ts";

/** Maps anything thrown on /api/v1 to a GatewayError; unknown errors become a 500. */
export function toGatewayError(err: unknown): GatewayError {
  if (err instanceof GatewayError) return err;
  if (err instanceof HTTPException) {
    if (err.status === 413) {
      return new GatewayError(
        413,
        "invalid_request_error",
        "request_too_large",
        "The request body is too large.",
      );
    }
    if (err.status >= 400 && err.status < 500) return invalidRequest(err.message || "Bad request");
  }
  return new GatewayError(
    500,
    "server_error",
    null,
    "The gateway had an internal error. Please retry.",
    {
      cause: err,
    },
  );
}

/** The one error renderer of the gateway surface: OpenAI's `{error:{message,type,param,code}}`. */
export function renderGatewayError(c: Context, thrown: unknown): Response {
  const err = toGatewayError(thrown);
  const log: Logger | undefined = c.get("log");
  if (err.status >= 500) log?.error({ err: thrown }, "gateway request failed");
  const headers = { ...(c.get("responseHeaders") ?? {}), ...err.headers };
  return c.json(err.body(), err.status as ContentfulStatusCode, headers);
}
