import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { UpstreamContext } from "./context.ts";
import { badRequest, type ErrorFormat, errorBody, sendJson, UpstreamError } from "./errors.ts";
import { type ChatMessageLike, chatPromptTokens, completionFor, promptText } from "./generate.ts";
import type { FinishReason } from "./metrics.ts";
import { sleepUntil, writeSse } from "./pacing.ts";

interface ChatRequest {
  model: string;
  messages: ChatMessageLike[];
  maxTokens: number | undefined;
  stream: boolean;
  includeUsage: boolean;
  ignoreEos: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function positiveInt(body: Record<string, unknown>, name: string): number | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) {
    throw badRequest(`${name} must be at least 1, got ${JSON.stringify(v)}.`, name);
  }
  return v;
}

export function parseChatRequest(ctx: UpstreamContext, body: unknown): ChatRequest {
  if (!isObject(body))
    throw badRequest("Input should be a valid dictionary or object to extract fields from");
  if (typeof body.model !== "string") throw badRequest("Field required: model", "model");
  const model = ctx.findModel(body.model);
  if (!model)
    throw new UpstreamError(
      404,
      "NotFoundError",
      `The model \`${body.model}\` does not exist.`,
      "model",
    );
  if (model.kind !== "chat")
    throw badRequest(
      `The model \`${model.id}\` does not support the Chat Completions API.`,
      "model",
    );
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0)
    throw badRequest("Field required: messages", "messages");
  for (const m of messages) {
    if (!isObject(m) || typeof m.role !== "string")
      throw badRequest("Each message needs a role.", "messages");
  }
  const maxTokens = positiveInt(body, "max_completion_tokens") ?? positiveInt(body, "max_tokens");
  if (body.n !== undefined && body.n !== null && body.n !== 1) {
    throw badRequest("The reference upstream only generates n=1.", "n");
  }
  const stream = body.stream === true;
  if (body.stream_options != null && !stream) {
    throw badRequest("Stream options can only be defined when `stream=True`.", "stream_options");
  }
  const streamOptions = isObject(body.stream_options) ? body.stream_options : {};
  const promptTokens = chatPromptTokens(messages as ChatMessageLike[]);
  if (promptTokens >= model.maxModelLen) {
    throw badRequest(
      `This model's maximum context length is ${model.maxModelLen} tokens. However, your request has ${promptTokens} input tokens. Please reduce the length of the input messages.`,
      "input_tokens",
    );
  }
  if (maxTokens !== undefined && promptTokens + maxTokens > model.maxModelLen) {
    throw badRequest(
      `'max_tokens' or 'max_completion_tokens' is too large: ${maxTokens}. This model's maximum context length is ${model.maxModelLen} tokens and your request has ${promptTokens} input tokens (${maxTokens} > ${model.maxModelLen} - ${promptTokens}).`,
      "max_tokens",
    );
  }
  return {
    model: model.id,
    messages: messages as ChatMessageLike[],
    maxTokens,
    stream,
    includeUsage: streamOptions.include_usage === true,
    ignoreEos: body.ignore_eos === true,
  };
}

/** Runs one chat completion; resolves when it ended, failed or its client went away. */
export async function serveChat(
  ctx: UpstreamContext,
  res: ServerResponse,
  request: ChatRequest,
): Promise<void> {
  const { options, metrics, stats } = ctx;
  const m = metrics.model(request.model);
  const started = performance.now();
  const abort = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) abort.abort();
  });
  stats.chatCompletions++;
  if (request.stream) stats.streams++;
  if (ctx.random() < options.failureRate) {
    stats.failed++;
    m.success.error++;
    const err = new UpstreamError(500, "InternalServerError", "Internal server error");
    return sendJson(res, 500, errorBody(err, options.errorFormat as ErrorFormat));
  }
  if (!(await ctx.acquire(request.model, abort.signal))) {
    stats.cancelled++;
    m.success.abort++;
    return;
  }
  const prompt = promptText(request.messages);
  const promptTokens = chatPromptTokens(request.messages);
  const completion = completionFor(request.model, prompt, {
    maxTokens: request.maxTokens,
    ignoreEos: request.ignoreEos,
    naturalTokens: options.completionTokens,
  });
  const cutAfter =
    ctx.random() < options.midStreamFailureRate ? Math.floor(completion.tokens.length / 2) : null;
  const id = `chatcmpl-${randomUUID().replaceAll("-", "")}`;
  const created = Math.floor(Date.now() / 1000);
  const due = (i: number) =>
    started +
    options.firstTokenLatencyMs +
    (options.tokensPerSecond > 0 ? (i * 1000) / options.tokensPerSecond : 0);
  m.promptTokens += promptTokens;
  stats.promptTokens += promptTokens;
  m.kvTokens += promptTokens;
  let generated = 0;
  let outcome: FinishReason | "cut" = completion.finishReason;
  try {
    const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({
      id,
      object: "chat.completion.chunk",
      created,
      model: request.model,
      choices,
      ...extra,
    });
    if (request.stream) {
      res.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache",
      });
    }
    for (const [i, token] of completion.tokens.entries()) {
      if (!(await sleepUntil(due(i), abort.signal, i))) break;
      if (i === cutAfter) {
        outcome = "cut";
        break;
      }
      if (i === 0) m.ttft.observe((performance.now() - started) / 1000);
      generated++;
      m.generationTokens++;
      m.kvTokens++;
      if (!request.stream) continue;
      if (i === 0) {
        await writeSse(
          res,
          chunk([
            {
              index: 0,
              delta: { role: "assistant", content: "" },
              logprobs: null,
              finish_reason: null,
            },
          ]),
        );
      }
      const last = i === completion.tokens.length - 1;
      await writeSse(
        res,
        chunk([
          last
            ? {
                index: 0,
                delta: { content: token },
                logprobs: null,
                finish_reason: completion.finishReason,
                stop_reason: null,
              }
            : { index: 0, delta: { content: token }, logprobs: null, finish_reason: null },
        ]),
      );
    }
    if (abort.signal.aborted) outcome = "abort";
    const usage = {
      prompt_tokens: promptTokens,
      total_tokens: promptTokens + generated,
      completion_tokens: generated,
    };
    stats.completionTokens += generated;
    if (outcome === "cut") {
      stats.failed++;
      m.success.error++;
      // Like a crashed server: what was written arrives, then the connection just ends.
      if (res.socket) res.socket.end();
      else res.destroy();
      return;
    }
    if (outcome === "abort") {
      stats.cancelled++;
      m.success.abort++;
      return;
    }
    m.success[outcome]++;
    stats.completed++;
    m.e2e.observe((performance.now() - started) / 1000);
    if (request.stream) {
      if (request.includeUsage) await writeSse(res, chunk([], { usage }));
      res.end("data: [DONE]\n\n");
      return;
    }
    sendJson(res, 200, {
      id,
      object: "chat.completion",
      created,
      model: request.model,
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: completion.tokens.join(""),
            refusal: null,
            tool_calls: [],
            reasoning_content: null,
          },
          logprobs: null,
          finish_reason: completion.finishReason,
          stop_reason: null,
        },
      ],
      service_tier: null,
      system_fingerprint: null,
      usage: { ...usage, prompt_tokens_details: null },
      prompt_logprobs: null,
    });
  } finally {
    m.kvTokens -= promptTokens + generated;
    ctx.release(request.model);
  }
}
