import { telemetryAckSchema, telemetryBatchSchema } from "@edgeplane/contracts";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Deps } from "../../deps.ts";
import { ingestTelemetry } from "../../services/telemetry/ingest.ts";
import { body, errorResponses, json, problemSchema } from "../api/schemas.ts";
import type { AgentEnv } from "./auth.ts";

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: problemSchema } },
});

const route = createRoute({
  method: "post",
  path: "/telemetry",
  tags: ["Agent"],
  security: [{ nodeKey: [] }],
  summary: "Report a batch of samples; each (node, seq) is stored once",
  description:
    "Answered only after the samples are committed. A retried batch is acknowledged again with its samples counted as duplicates. 503 (with Retry-After) means: send the same batch later.",
  request: { body: body(telemetryBatchSchema) },
  responses: {
    200: json(telemetryAckSchema, "Stored (or already held)"),
    400: errorResponses[400],
    401: errorResponses[401],
    413: problem("The body is over the size limit: send fewer samples per batch"),
    503: problem("Storage is busy or stopping: retry the same batch later"),
  },
});

export function registerTelemetry(app: OpenAPIHono<AgentEnv>, deps: Deps) {
  const { ops } = deps.config;
  const options = { rawRetentionMs: ops.retention.rawMs, rollupGraceMs: ops.rollup.graceMs };
  app.openapi(route, async (c) => {
    const ack = await ingestTelemetry({
      writer: deps.telemetry,
      agent: c.get("agent"),
      batch: c.req.valid("json"),
      receivedAt: Date.now(),
      options,
    });
    return c.json(ack, 200);
  });
}
