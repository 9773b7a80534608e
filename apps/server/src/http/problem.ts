import { errorStatus, errorTitles, type Problem } from "@edgeplane/contracts";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { AppError } from "../errors.ts";
import type { AppEnv } from "./env.ts";

/** Maps anything thrown to an AppError; unknown errors become internal_error. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof HTTPException) {
    const s = err.status;
    if (s === 413) return new AppError("payload_too_large", "The request body is too large");
    if (s === 401) return new AppError("unauthorized", err.message || "Unauthorized");
    if (s === 415) return new AppError("unsupported_media_type", err.message);
    if (s >= 400 && s < 500) {
      const detail = /json/i.test(err.message)
        ? "body: Malformed JSON in request body"
        : err.message || "Bad request";
      return new AppError("bad_request", detail, {
        errors: /json/i.test(err.message)
          ? [{ path: "body", message: "Malformed JSON" }]
          : undefined,
      });
    }
  }
  return new AppError("internal_error", "An unexpected error occurred", { cause: err });
}

export function problemBody(err: AppError, requestId: string): Problem {
  const status = errorStatus[err.code];
  return {
    type: `/docs/errors#${err.code}`,
    title: errorTitles[err.code],
    status,
    detail: err.message,
    code: err.code,
    requestId,
    ...(err.errors ? { errors: err.errors } : {}),
  };
}

/** The one error renderer of the control-plane surface. */
export function renderProblem(c: Context<AppEnv>, thrown: unknown): Response {
  const err = toAppError(thrown);
  const requestId = c.get("requestId") ?? "unknown";
  const status = errorStatus[err.code];
  if (status >= 500) c.get("log")?.error({ err: thrown }, "request failed");
  for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
  c.header("content-type", "application/problem+json");
  return c.body(JSON.stringify(problemBody(err, requestId)), status as ContentfulStatusCode);
}
