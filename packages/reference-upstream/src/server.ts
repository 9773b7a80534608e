import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseChatRequest, serveChat } from "./chat.ts";
import { type ReferenceUpstreamStats, UpstreamContext } from "./context.ts";
import { parseEmbeddingsRequest, serveEmbeddings } from "./embeddings.ts";
import { badRequest, sendError, sendJson, UpstreamError } from "./errors.ts";
import { hash32 } from "./generate.ts";
import { MetricsRegistry } from "./metrics.ts";
import { type ReferenceUpstreamOptions, resolveOptions } from "./options.ts";

export interface ReferenceUpstream {
  /** The OpenAI base URL, e.g. `http://127.0.0.1:41234/v1` (what clients and the agent take). */
  url: string;
  /** The server root: `/metrics`, `/health` and `/version` live here. */
  origin: string;
  port: number;
  stats(): ReferenceUpstreamStats;
  close(): Promise<void>;
}

const routes: Record<string, string> = {
  "/health": "GET",
  "/version": "GET",
  "/metrics": "GET",
  "/v1/models": "GET",
  "/v1/chat/completions": "POST",
  "/v1/embeddings": "POST",
};

const maxBodyBytes = 16 * 1024 * 1024;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw badRequest("Request body too large.");
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw badRequest("JSON decode error");
  }
}

function modelList(ctx: UpstreamContext): unknown {
  return {
    object: "list",
    data: ctx.options.models.map((m) => ({
      id: m.id,
      object: "model",
      created: ctx.createdAt,
      owned_by: "vllm",
      root: m.id,
      parent: null,
      max_model_len: m.maxModelLen,
      permission: [
        {
          id: `modelperm-${hash32(m.id).toString(16).padStart(32, "0")}`,
          object: "model_permission",
          created: ctx.createdAt,
          allow_create_engine: false,
          allow_sampling: true,
          allow_logprobs: true,
          allow_search_indices: false,
          allow_view: true,
          allow_fine_tuning: false,
          organization: "*",
          group: null,
          is_blocking: false,
        },
      ],
    })),
  };
}

async function handle(
  ctx: UpstreamContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const path = new URL(req.url ?? "/", "http://x").pathname;
  const method = routes[path];
  const handler = method ? path : "none";
  res.on("close", () => ctx.metrics.countHttp(handler, req.method ?? "GET", res.statusCode));
  if (!method) return sendJson(res, 404, { detail: "Not Found" });
  if (req.method !== method) return sendJson(res, 405, { detail: "Method Not Allowed" });
  if (path.startsWith("/v1/")) {
    ctx.stats.requests++;
    const { apiKey } = ctx.options;
    if (apiKey && req.headers.authorization !== `Bearer ${apiKey}`) {
      ctx.stats.rejected++;
      return sendJson(res, 401, { error: "Unauthorized" });
    }
  }
  switch (path) {
    case "/health":
      res.writeHead(200, { "content-length": 0 });
      return void res.end();
    case "/version":
      return sendJson(res, 200, { version: "0.0.0+edgeplane-reference" });
    case "/metrics": {
      const text = ctx.metrics.render({
        kvCacheTokens: ctx.options.kvCacheTokens,
        legacyNames: ctx.options.legacyMetricNames,
      });
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
      return void res.end(text);
    }
    case "/v1/models":
      return sendJson(res, 200, modelList(ctx));
  }
  try {
    const body = await readJson(req);
    if (path === "/v1/chat/completions") await serveChat(ctx, res, parseChatRequest(ctx, body));
    else await serveEmbeddings(ctx, res, parseEmbeddingsRequest(ctx, body));
  } catch (err) {
    if (!(err instanceof UpstreamError)) throw err;
    ctx.stats.rejected++;
    if (!res.headersSent) sendError(res, err, ctx.options.errorFormat);
  }
}

/**
 * Starts an OpenAI-compatible stand-in that answers as vLLM's server does: `/v1/models`, chat
 * completions (streamed with `include_usage`), embeddings, `/metrics` in vLLM's names, `/health`.
 */
export async function startReferenceUpstream(
  options: ReferenceUpstreamOptions = {},
): Promise<ReferenceUpstream> {
  const resolved = resolveOptions(options);
  const ctx = new UpstreamContext(resolved, new MetricsRegistry(resolved.models.map((m) => m.id)));
  const server = createServer((req, res) => {
    handle(ctx, req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        sendError(
          res,
          new UpstreamError(500, "InternalServerError", String(err)),
          resolved.errorFormat,
        );
      } else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(resolved.port, resolved.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = resolved.host.includes(":") ? `[${resolved.host}]` : resolved.host;
  const origin = `http://${host}:${port}`;
  return {
    url: `${origin}/v1`,
    origin,
    port,
    stats: () => ({ ...ctx.stats }),
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
