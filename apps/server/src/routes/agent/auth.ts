import { createMiddleware } from "hono/factory";
import type { Deps } from "../../deps.ts";
import { UnauthorizedError } from "../../errors.ts";
import type { AppVariables } from "../../http/env.ts";
import { type NodeKeyIdentity, nodeKeyRefusals, nodeKeyVerifier } from "../../keys/verifier.ts";

export interface AgentEnv {
  Variables: Omit<AppVariables, "user" | "access"> & { agent: NodeKeyIdentity };
}

/** `Authorization: Bearer epn_…` → the key's node, org and site, or 401 problem JSON. */
export function requireNodeKey(deps: Deps) {
  const verifier = nodeKeyVerifier(deps.database.db, deps.log);
  return createMiddleware<AgentEnv>(async function requireNodeKey(c, next) {
    const secret = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1] ?? "";
    const check = await verifier.verify(secret);
    if (!check.ok) throw new UnauthorizedError(nodeKeyRefusals[check.reason]);
    c.set("agent", check.identity);
    await next();
  });
}
