import type { ServerResponse } from "node:http";

/**
 * vLLM's error bodies. Since v0.10.1 (vllm-project/vllm#22099) they nest under `error`, as
 * OpenAI's do; before, they were flat with `object: "error"`. `legacy` serves the older shape.
 */
export type ErrorFormat = "openai" | "legacy";

export type ErrorType =
  | "BadRequestError"
  | "NotFoundError"
  | "InternalServerError"
  | "NotImplementedError";

export class UpstreamError extends Error {
  readonly status: number;
  readonly type: ErrorType;
  readonly param: string | null;

  constructor(status: number, type: ErrorType, message: string, param: string | null = null) {
    super(message);
    this.status = status;
    this.type = type;
    this.param = param;
  }
}

export const badRequest = (message: string, param: string | null = null) =>
  new UpstreamError(400, "BadRequestError", message, param);

export function errorBody(err: UpstreamError, format: ErrorFormat): unknown {
  const info = { message: err.message, type: err.type, param: err.param, code: err.status };
  return format === "legacy" ? { object: "error", ...info } : { error: info };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendError(res: ServerResponse, err: UpstreamError, format: ErrorFormat): void {
  sendJson(res, err.status, errorBody(err, format));
}
