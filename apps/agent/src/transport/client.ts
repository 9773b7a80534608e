import { type TelemetryAck, type TelemetryBatch, telemetryAckSchema } from "@edgeplane/contracts";
import type { BufferedSample } from "../buffer/types.ts";
import { userAgent } from "../version.ts";

export type SendResult =
  | { kind: "ok"; ack: TelemetryAck }
  /** 401/403: the key is wrong, revoked or expired. Retrying cannot help. */
  | { kind: "unauthorized"; status: number; detail: string }
  /** 400/422: the server refuses this batch's content. */
  | { kind: "rejected"; status: number; detail: string }
  | { kind: "too-large"; detail: string }
  /** 429, 5xx, network errors, timeouts, unreadable answers: try the same batch again later. */
  | { kind: "retry"; detail: string; retryAfterMs?: number };

export type WhoamiResult =
  | { kind: "ok"; nodeId: string; orgId: string; siteId: string }
  | { kind: "unsupported" }
  | { kind: "unauthorized"; status: number; detail: string }
  | { kind: "unreachable"; detail: string };

export interface ControlPlaneClientOptions {
  url: string;
  key: string;
  timeoutMs?: number;
}

/** Problem JSON's `detail` (or `title`), else the start of the body. */
async function describe(res: Response): Promise<string> {
  const text = await res.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { detail?: unknown; title?: unknown; errors?: unknown };
    const parts = [body.detail ?? body.title, body.errors ? JSON.stringify(body.errors) : null];
    const joined = parts.filter((p) => typeof p === "string" && p !== "").join(" ");
    if (joined) return `HTTP ${res.status}: ${joined}`;
  } catch {}
  return `HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ""}`;
}

function retryAfterMs(res: Response): number | undefined {
  const h = res.headers.get("retry-after");
  if (!h) return undefined;
  const seconds = Number(h);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(h);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** The key is never replayed to another address: a redirect is reported, not followed. */
function redirectDetail(res: Response): string | null {
  if (res.status < 300 || res.status > 399) return null;
  void res.body?.cancel();
  return `the control plane answered ${res.status} redirecting to ${res.headers.get("location") ?? "?"}: set --url to the final address`;
}

/** Builds the request body from already-serialized samples (no second serialization). */
export function batchBody(agent: TelemetryBatch["agent"], samples: BufferedSample[]): string {
  return `{"agent":${JSON.stringify(agent)},"samples":[${samples.map((s) => s.json).join(",")}]}`;
}

/** The agent surface of the control plane: `/api/agent/v1/*` with the node key. */
export class ControlPlaneClient {
  readonly #base: string;
  readonly #key: string;
  readonly #timeoutMs: number;

  constructor(options: ControlPlaneClientOptions) {
    this.#base = options.url.replace(/\/+$/, "");
    this.#key = options.key;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
  }

  #headers(): Record<string, string> {
    return {
      authorization: `Bearer ${this.#key}`,
      "user-agent": userAgent,
      accept: "application/json",
    };
  }

  async postTelemetry(body: string, signal?: AbortSignal): Promise<SendResult> {
    let res: Response;
    try {
      res = await fetch(`${this.#base}/api/agent/v1/telemetry`, {
        method: "POST",
        headers: { ...this.#headers(), "content-type": "application/json" },
        body,
        redirect: "manual",
        signal: signal
          ? AbortSignal.any([signal, AbortSignal.timeout(this.#timeoutMs)])
          : AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      return { kind: "retry", detail: cause ?? (err instanceof Error ? err.message : String(err)) };
    }
    const redirect = redirectDetail(res);
    if (redirect) return { kind: "retry", detail: redirect };
    if (res.status === 200) {
      const parsed = telemetryAckSchema.safeParse(await res.json().catch(() => null));
      return parsed.success
        ? { kind: "ok", ack: parsed.data }
        : { kind: "retry", detail: "the control plane answered 200 without a telemetry ack" };
    }
    const detail = await describe(res);
    if (res.status === 401 || res.status === 403)
      return { kind: "unauthorized", status: res.status, detail };
    if (res.status === 413) return { kind: "too-large", detail };
    if (res.status === 400 || res.status === 422)
      return { kind: "rejected", status: res.status, detail };
    return { kind: "retry", detail, retryAfterMs: retryAfterMs(res) };
  }

  async whoami(signal?: AbortSignal): Promise<WhoamiResult> {
    let res: Response;
    try {
      res = await fetch(`${this.#base}/api/agent/v1/whoami`, {
        headers: this.#headers(),
        redirect: "manual",
        signal: signal
          ? AbortSignal.any([signal, AbortSignal.timeout(this.#timeoutMs)])
          : AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      return {
        kind: "unreachable",
        detail: cause ?? (err instanceof Error ? err.message : String(err)),
      };
    }
    const redirect = redirectDetail(res);
    if (redirect) return { kind: "unreachable", detail: redirect };
    if (res.status === 401 || res.status === 403) {
      return { kind: "unauthorized", status: res.status, detail: await describe(res) };
    }
    if (res.status === 404 || res.status === 405) {
      await res.body?.cancel();
      return { kind: "unsupported" };
    }
    if (!res.ok) return { kind: "unreachable", detail: await describe(res) };
    const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    const { nodeId, orgId, siteId } = body ?? {};
    return typeof nodeId === "string" && typeof orgId === "string" && typeof siteId === "string"
      ? { kind: "ok", nodeId, orgId, siteId }
      : { kind: "unreachable", detail: "whoami answered without nodeId/orgId/siteId" };
  }
}
