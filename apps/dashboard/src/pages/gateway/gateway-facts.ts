/*
 * What the gateway does, in the words the page uses. Each line restates code under
 * apps/server/src/gateway and services/gateway; keep them in step when that code changes.
 */

/** services/gateway/proxy.ts: milliseconds the gateway added, waiting on the node excluded. */
export const overheadHeader = "x-edgeplane-overhead-ms";

/** services/gateway/runtime.ts defaults (tunnelDefaults.maxConcurrentStreams, 10 s wait). */
export const maxInFlightPerNode = 128;
export const saturationWaitSeconds = 10;

/** Catalogue and fleet caches are re-read every 2 s per replica (catalogue.ts, fleet.ts). */
export const propagationSeconds = 2;

export interface GatewayErrorRow {
  status: string;
  code: string;
  when: string;
  remedy: string;
}

/** In the order the gateway checks: key, model, budget, rate limits, capacity, the node. */
export const gatewayErrors: GatewayErrorRow[] = [
  {
    status: "401",
    code: "invalid_api_key",
    when: "No key, or a key that is unknown, revoked or expired",
    remedy: "Send Authorization: Bearer epk_… with an active key",
  },
  {
    status: "403",
    code: "account_suspended",
    when: "The customer is suspended",
    remedy: "The account manager reactivates the customer",
  },
  {
    status: "404",
    code: "model_not_found",
    when: "The model ID is not in the catalogue, is disabled, or is not in the key's allowed models",
    remedy: "Call GET /models for the IDs this key can use",
  },
  {
    status: "400",
    code: "invalid_request_error",
    when: "A malformed body, or a chat model on /embeddings (an embedding model on /chat/completions); param names the field",
    remedy: "Fix the field; use the endpoint of the model's kind",
  },
  {
    status: "413",
    code: "request_too_large",
    when: "A request body over 16 MiB",
    remedy: "Send fewer inputs per request",
  },
  {
    status: "429",
    code: "insufficient_quota",
    when: "The key's monthly token budget (UTC calendar month) is used up",
    remedy: "No Retry-After: the account manager raises the budget",
  },
  {
    status: "429",
    code: "rate_limit_exceeded",
    when: "The key's requests per minute (type requests) or tokens per minute (type tokens) are used up",
    remedy: "Wait the seconds in the Retry-After header, then retry",
  },
  {
    status: "503",
    code: "no_capacity_in_region",
    when: `No connected node in the key's regions and residency serves the model, or every one stayed saturated for ${saturationWaitSeconds} s`,
    remedy: "Retry later; never served from outside the key's residency",
  },
  {
    status: "502 / 504",
    code: "upstream_unreachable, upstream_timeout, stream_interrupted",
    when: "The node failed or cut its answer, after the one failover",
    remedy: "Retry; quote the x-request-id if it persists",
  },
];
