import { newId } from "@edgeplane/contracts";
import { createMiddleware } from "hono/factory";
import type { Deps } from "../deps.ts";
import type { AppVariables } from "../http/env.ts";
import type { CustomerKeyIdentity } from "../keys/customer-verifier.ts";
import { GatewayError } from "../services/gateway/errors.ts";
import { gatewayRuntime } from "./runtime.ts";

export interface GatewayEnv {
  Variables: Omit<AppVariables, "user" | "access"> & {
    customerKey: CustomerKeyIdentity;
    /** The usage event's id: the request id, unless the customer chose that one. */
    meterId: string;
    /** performance.now() and wall clock when the gateway got the request (overhead, metering). */
    startedAt: number;
    startedAtDate: Date;
    /** Headers every answer carries (x-request-id, security): see gatewayContext. */
    responseHeaders: Record<string, string>;
  };
}

const refusals = {
  malformed:
    "You didn't provide a valid API key. Send it as `Authorization: Bearer epk_…` (a customer API key).",
  unknown: "Incorrect API key provided.",
  revoked: "This API key has been revoked.",
  expired: "This API key has expired.",
} as const;

/** `Authorization: Bearer epk_…` → the key's customer, limits and placement, or an OpenAI 401. */
export function requireCustomerKey(deps: Deps) {
  return createMiddleware<GatewayEnv>(async function requireCustomerKey(c, next) {
    const rt = gatewayRuntime(deps);
    const secret = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1] ?? "";
    const check = await rt.keys.verify(secret);
    if (!check.ok) {
      throw new GatewayError(
        401,
        "invalid_request_error",
        "invalid_api_key",
        refusals[check.reason],
      );
    }
    if (check.identity.customerStatus !== "active") {
      throw new GatewayError(
        403,
        "permission_error",
        "account_suspended",
        "This customer account is suspended. Contact your account manager.",
      );
    }
    c.set("customerKey", check.identity);
    // A customer-chosen x-request-id names the log lines; metering needs an id only we mint.
    c.set("meterId", c.req.header("x-request-id") ? newId("request") : c.get("requestId"));
    await next();
  });
}
