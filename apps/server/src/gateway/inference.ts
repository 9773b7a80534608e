import type { Context, Hono } from "hono";
import type { Deps } from "../deps.ts";
import { proxyInference } from "../services/gateway/proxy.ts";
import { admit, resolveModel } from "../services/gateway/resolve.ts";
import {
  chatCompletionRequest,
  embeddingsRequest,
  estimateChatPromptTokens,
  estimateEmbeddingTokens,
  parseBody,
} from "../services/gateway/wire.ts";
import type { GatewayEnv } from "./auth.ts";
import { gatewayRuntime } from "./runtime.ts";

interface Parsed {
  endpoint: "chat" | "embeddings";
  body: Record<string, unknown> & { model: string };
  stream: boolean;
  keepUsage: boolean;
  estimatedTokens: number;
}

/** Model, limits, then the node: the order a customer's 404, 429 and 503 come in. */
async function serve(c: Context<GatewayEnv>, deps: Deps, req: Parsed): Promise<Response> {
  const rt = gatewayRuntime(deps);
  const key = c.get("customerKey");
  const model = await resolveModel(rt, key, req.body.model, req.endpoint);
  await admit(rt, key, req.estimatedTokens);
  return proxyInference(rt, {
    ...req,
    key,
    model,
    requestId: c.get("meterId"),
    headers: c.get("responseHeaders"),
    startedAt: c.get("startedAt"),
    startedAtDate: c.get("startedAtDate"),
    signal: c.req.raw.signal,
  });
}

/** POST /chat/completions (JSON or SSE) and POST /embeddings. */
export function registerInference(app: Hono<GatewayEnv>, deps: Deps) {
  app.post("/chat/completions", async (c) => {
    const body = parseBody(chatCompletionRequest, await c.req.text());
    return serve(c, deps, {
      endpoint: "chat",
      body,
      stream: body.stream === true,
      keepUsage: body.stream_options?.include_usage === true,
      estimatedTokens: estimateChatPromptTokens(body),
    });
  });
  app.post("/embeddings", async (c) => {
    const body = parseBody(embeddingsRequest, await c.req.text());
    return serve(c, deps, {
      endpoint: "embeddings",
      body,
      stream: false,
      keepUsage: false,
      estimatedTokens: estimateEmbeddingTokens(body),
    });
  });
}
