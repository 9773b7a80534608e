import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { UpstreamContext } from "./context.ts";
import { badRequest, errorBody, sendJson, UpstreamError } from "./errors.ts";
import { countTokens, embeddingFor, toBase64 } from "./generate.ts";
import { sleepUntil } from "./pacing.ts";

interface EmbeddingsRequest {
  model: string;
  /** Each input as text (token-id inputs become their ids joined by spaces). */
  inputs: { text: string; tokens: number }[];
  encoding: "float" | "base64";
  dimensions: number;
}

const isTokenArray = (v: unknown): v is number[] =>
  Array.isArray(v) && v.every((x) => Number.isInteger(x));

export function parseEmbeddingsRequest(ctx: UpstreamContext, body: unknown): EmbeddingsRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw badRequest("Input should be a valid dictionary or object to extract fields from");
  }
  const b = body as Record<string, unknown>;
  if (typeof b.model !== "string") throw badRequest("Field required: model", "model");
  const model = ctx.findModel(b.model);
  if (!model)
    throw new UpstreamError(
      404,
      "NotFoundError",
      `The model \`${b.model}\` does not exist.`,
      "model",
    );
  if (model.kind !== "embedding")
    throw badRequest(`The model \`${model.id}\` does not support the Embeddings API.`, "model");
  const raw = b.input;
  let inputs: { text: string; tokens: number }[];
  if (typeof raw === "string") inputs = [{ text: raw, tokens: countTokens(raw) }];
  else if (isTokenArray(raw) && raw.length > 0)
    inputs = [{ text: raw.join(" "), tokens: raw.length }];
  else if (Array.isArray(raw) && raw.length > 0 && raw.every((x) => typeof x === "string")) {
    inputs = (raw as string[]).map((t) => ({ text: t, tokens: countTokens(t) }));
  } else if (Array.isArray(raw) && raw.length > 0 && raw.every(isTokenArray)) {
    inputs = (raw as number[][]).map((t) => ({ text: t.join(" "), tokens: t.length }));
  } else {
    throw badRequest("input must be a string, an array of strings, or token ids.", "input");
  }
  for (const input of inputs) {
    if (input.tokens > model.maxModelLen) {
      throw badRequest(
        `This model's maximum context length is ${model.maxModelLen} tokens. However, you requested ${input.tokens} tokens in the input for embedding generation. Please reduce the length of the input.`,
        "input_tokens",
      );
    }
  }
  const encoding = b.encoding_format ?? "float";
  if (encoding !== "float" && encoding !== "base64")
    throw badRequest("encoding_format must be float or base64.", "encoding_format");
  const full = ctx.options.embeddingDimensions;
  const dimensions = b.dimensions ?? full;
  if (
    typeof dimensions !== "number" ||
    !Number.isInteger(dimensions) ||
    dimensions < 1 ||
    dimensions > full
  ) {
    throw badRequest(`dimensions must be between 1 and ${full}.`, "dimensions");
  }
  return { model: model.id, inputs, encoding, dimensions };
}

export async function serveEmbeddings(
  ctx: UpstreamContext,
  res: ServerResponse,
  request: EmbeddingsRequest,
): Promise<void> {
  const { options, metrics, stats } = ctx;
  const m = metrics.model(request.model);
  const started = performance.now();
  const abort = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) abort.abort();
  });
  stats.embeddings++;
  if (ctx.random() < options.failureRate) {
    stats.failed++;
    m.success.error++;
    return sendJson(
      res,
      500,
      errorBody(
        new UpstreamError(500, "InternalServerError", "Internal server error"),
        options.errorFormat,
      ),
    );
  }
  if (!(await ctx.acquire(request.model, abort.signal))) {
    stats.cancelled++;
    m.success.abort++;
    return;
  }
  try {
    const ok = await sleepUntil(started + options.firstTokenLatencyMs, abort.signal, 1);
    if (!ok) {
      stats.cancelled++;
      m.success.abort++;
      return;
    }
    const promptTokens = request.inputs.reduce((n, i) => n + i.tokens, 0);
    m.promptTokens += promptTokens;
    stats.promptTokens += promptTokens;
    m.success.stop++;
    stats.completed++;
    m.e2e.observe((performance.now() - started) / 1000);
    // Shorter vectors are the full vector's prefix, renormalized (as Matryoshka models do).
    const data = request.inputs.map((input, index) => {
      const full = embeddingFor(request.model, input.text, options.embeddingDimensions).slice(
        0,
        request.dimensions,
      );
      const norm = Math.sqrt(full.reduce((a, x) => a + x * x, 0)) || 1;
      const vector = full.map((x) => Math.fround(x / norm));
      return {
        index,
        object: "embedding",
        embedding: request.encoding === "base64" ? toBase64(vector) : vector,
      };
    });
    sendJson(res, 200, {
      id: `embd-${randomUUID().replaceAll("-", "")}`,
      object: "list",
      created: Math.floor(Date.now() / 1000),
      model: request.model,
      data,
      usage: {
        prompt_tokens: promptTokens,
        total_tokens: promptTokens,
        completion_tokens: 0,
        prompt_tokens_details: null,
      },
    });
  } finally {
    ctx.release(request.model);
  }
}
