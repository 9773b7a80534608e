import type { OpenAIErrorBody } from "@edgeplane/contracts";

export type OpenAIErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "permission_error"
  | "not_found_error"
  | "requests"
  | "tokens"
  | "insufficient_quota"
  | "server_error";

/** An error of the gateway surface: rendered as OpenAI's `{error:{message,type,param,code}}`. */
export class GatewayError extends Error {
  readonly status: number;
  readonly type: OpenAIErrorType;
  readonly code: string | null;
  readonly param: string | null;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    type: OpenAIErrorType,
    code: string | null,
    message: string,
    opts: { param?: string | null; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.status = status;
    this.type = type;
    this.code = code;
    this.param = opts.param ?? null;
    this.headers = opts.headers ?? {};
  }

  body(): OpenAIErrorBody {
    return {
      error: { message: this.message, type: this.type, param: this.param, code: this.code },
    };
  }
}

export const invalidRequest = (message: string, param: string | null = null) =>
  new GatewayError(400, "invalid_request_error", null, message, { param });

/** OpenAI answers 404 both for a model that does not exist and one the key may not use. */
export const modelNotFound = (model: string) =>
  new GatewayError(
    404,
    "invalid_request_error",
    "model_not_found",
    `The model \`${model}\` does not exist or you do not have access to it.`,
    { param: "model" },
  );

export const noCapacity = (model: string, detail: string) =>
  new GatewayError(
    503,
    "server_error",
    "no_capacity_in_region",
    `No node in your allowed regions can serve \`${model}\` right now (${detail}). Requests are never routed outside your data residency.`,
  );

export const rateLimited = (limit: "requests" | "tokens", perMinute: number, retryAfter: number) =>
  new GatewayError(
    429,
    limit,
    "rate_limit_exceeded",
    `Rate limit reached: ${perMinute} ${limit} per minute on this key. Try again in ${retryAfter} s.`,
    { headers: { "retry-after": String(retryAfter) } },
  );

export const quotaExceeded = (budget: number) =>
  new GatewayError(
    429,
    "insufficient_quota",
    "insufficient_quota",
    `You exceeded this key's monthly budget of ${budget} tokens. Ask your account manager to raise it.`,
  );

export const upstreamFailed = (status: number, message: string, code = "upstream_error") =>
  new GatewayError(status, "server_error", code, message);
