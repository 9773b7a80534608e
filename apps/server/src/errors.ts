import type { ErrorCode, FieldError } from "@edgeplane/contracts";

/** Typed errors thrown by services and middleware; one onError renders them per surface. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;
  constructor(
    code: ErrorCode,
    detail: string,
    opts: { errors?: FieldError[]; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(detail, { cause: opts.cause });
    this.code = code;
    this.errors = opts.errors;
    this.headers = opts.headers;
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super("not_found", `${what} not found`);
  }
}

export class ConflictError extends AppError {
  constructor(detail: string, errors?: FieldError[]) {
    super("conflict", detail, { errors });
  }
}

export class ForbiddenError extends AppError {
  constructor(detail = "Your role does not allow this action") {
    super("forbidden", detail);
  }
}

export class UnauthorizedError extends AppError {
  constructor(detail = "A valid access token is required") {
    super("unauthorized", detail, { headers: { "www-authenticate": 'Bearer realm="edgeplane"' } });
  }
}

export class ValidationError extends AppError {
  constructor(errors: FieldError[]) {
    const first = errors[0];
    super(
      "validation_failed",
      first ? `${first.path || "body"}: ${first.message}` : "The request is not valid",
      { errors },
    );
  }
}
