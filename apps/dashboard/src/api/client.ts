import type { ErrorCode, FieldError, Problem } from "@edgeplane/contracts";
import { errorCodes } from "@edgeplane/contracts";

/** A failed /api call, carrying the server's problem JSON (or one made up for network errors). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail);
    this.name = "ApiError";
    this.status = problem.status;
    this.problem = problem;
  }
  get code(): ErrorCode {
    return this.problem.code;
  }
  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

function isProblem(v: unknown): v is Problem {
  if (typeof v !== "object" || v === null) return false;
  const p = v as Record<string, unknown>;
  return (
    typeof p.title === "string" &&
    typeof p.detail === "string" &&
    typeof p.status === "number" &&
    typeof p.requestId === "string" &&
    (errorCodes as readonly unknown[]).includes(p.code)
  );
}

function madeUpProblem(status: number, detail: string, requestId: string | null): Problem {
  const code: ErrorCode = status === 0 || status >= 500 ? "service_unavailable" : "bad_request";
  return {
    type: "about:blank",
    title: status === 0 ? "Server unreachable" : `HTTP ${status}`,
    status,
    detail,
    code,
    requestId: requestId ?? "none",
  };
}

export interface ApiClientOptions {
  getAccessToken: () => Promise<string | null>;
  /** Called on any 401: the session is gone or no longer accepted. */
  onUnauthorized: () => void;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** A small typed fetch wrapper for the control-plane API. */
export function createApiClient({ getAccessToken, onUnauthorized }: ApiClientOptions) {
  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: "application/json" };
    const token = await getAccessToken();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    let res: Response;
    try {
      res = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      throw new ApiError(madeUpProblem(0, `Could not reach the server: ${String(err)}`, null));
    }
    if (res.status === 401) onUnauthorized();
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (res.ok) return parsed as T;
    if (isProblem(parsed)) throw new ApiError(parsed);
    const requestId = res.headers.get("x-request-id");
    throw new ApiError(madeUpProblem(res.status, text.slice(0, 200) || res.statusText, requestId));
  }
  return {
    get: <T>(path: string) => request<T>("GET", path),
    post: <T>(path: string, body: unknown) => request<T>("POST", path, body),
    patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
    put: <T>(path: string, body: unknown) => request<T>("PUT", path, body),
    delete: (path: string) => request<void>("DELETE", path),
  };
}
