import { type Hook, OpenAPIHono } from "@hono/zod-openapi";
import type { Deps } from "../../deps.ts";
import { ValidationError } from "../../errors.ts";
import { zodFieldErrors } from "../../http/validation.ts";
import { type AgentEnv, requireNodeKey } from "./auth.ts";
import { registerTelemetry } from "./telemetry.ts";
import { registerWhoami } from "./whoami.ts";

const validationHook: Hook<unknown, AgentEnv, string, unknown> = (result) => {
  if (!result.success) throw new ValidationError(zodFieldErrors(result.error));
};

/** The node agent's surface (/api/agent/v1): every route needs a node API key. */
export function agentRoutes(deps: Deps) {
  const agent = new OpenAPIHono<AgentEnv>({ defaultHook: validationHook });
  agent.openAPIRegistry.registerComponent("securitySchemes", "nodeKey", {
    type: "http",
    scheme: "bearer",
    description: "A node API key (epn_…)",
  });
  agent.use("*", requireNodeKey(deps));
  registerWhoami(agent);
  registerTelemetry(agent, deps);
  return agent;
}
