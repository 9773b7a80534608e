import { z } from "zod";
import { invalidRequest } from "./errors.ts";

/*
 * Request bodies of /api/v1, checked enough to answer OpenAI-style 400s before anything is
 * routed; fields we do not know pass through to the node untouched.
 */

const maybe = <T extends z.ZodType>(t: T) => t.nullable().optional();

const contentPart = z.looseObject({ type: z.string().min(1).max(64) });

const message = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool", "function"]),
  content: maybe(z.union([z.string(), z.array(contentPart).max(10_000)])),
  name: maybe(z.string().max(256)),
});

export const chatCompletionRequest = z
  .looseObject({
    model: z.string().min(1).max(256),
    messages: z.array(message).min(1).max(100_000),
    stream: maybe(z.boolean()),
    stream_options: maybe(z.looseObject({ include_usage: maybe(z.boolean()) })),
    max_tokens: maybe(z.number().int().min(1)),
    max_completion_tokens: maybe(z.number().int().min(1)),
    n: maybe(z.number().int().min(1).max(128)),
    temperature: maybe(z.number().min(0).max(2)),
    top_p: maybe(z.number().min(0).max(1)),
    presence_penalty: maybe(z.number().min(-2).max(2)),
    frequency_penalty: maybe(z.number().min(-2).max(2)),
    stop: maybe(z.union([z.string(), z.array(z.string()).max(4)])),
    user: maybe(z.string().max(256)),
  })
  .superRefine((v, ctx) => {
    if (v.stream_options != null && v.stream !== true) {
      ctx.addIssue({
        code: "custom",
        path: ["stream_options"],
        message: "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
      });
    }
  });
export type ChatCompletionRequest = z.infer<typeof chatCompletionRequest>;

const tokenIds = z.array(z.number().int().min(0)).min(1).max(1_000_000);

export const embeddingsRequest = z.looseObject({
  model: z.string().min(1).max(256),
  input: z.union([
    z.string().min(1),
    z.array(z.string().min(1)).min(1).max(2048),
    tokenIds,
    z.array(tokenIds).min(1).max(2048),
  ]),
  encoding_format: maybe(z.enum(["float", "base64"])),
  dimensions: maybe(z.number().int().min(1).max(65_536)),
  user: maybe(z.string().max(256)),
});
export type EmbeddingsRequest = z.infer<typeof embeddingsRequest>;

const paramOf = (path: readonly PropertyKey[]) =>
  path.length === 0
    ? null
    : path
        .map((p, i) => (typeof p === "number" ? `[${p}]` : `${i > 0 ? "." : ""}${String(p)}`))
        .join("");

/** Parses a JSON request body against a schema; anything wrong is a 400 naming the field. */
export function parseBody<T extends z.ZodType>(schema: T, text: string): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalidRequest(
      "We could not parse the JSON body of your request. The OpenAI API expects a JSON payload.",
    );
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw invalidRequest("The request body must be a JSON object.");
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const param = issue ? paramOf(issue.path) : null;
    const what = param ? `Invalid '${param}': ` : "";
    throw invalidRequest(`${what}${issue?.message ?? "The request is not valid."}`, param);
  }
  return result.data;
}

const textLength = (v: unknown): number => {
  if (typeof v === "string") return v.length;
  if (Array.isArray(v)) return v.reduce<number>((sum, p) => sum + textLength(p), 0);
  if (typeof v === "object" && v !== null) return textLength(Reflect.get(v, "text"));
  return 0;
};

/** ~4 characters a token, 4 per message, 3 for the reply: limits and cut-stream estimates. */
export function estimateChatPromptTokens(req: ChatCompletionRequest): number {
  let tokens = 3;
  for (const m of req.messages) tokens += 4 + Math.ceil(textLength(m.content) / 4);
  return tokens;
}

export function estimateEmbeddingTokens(req: EmbeddingsRequest): number {
  const input = req.input;
  if (typeof input === "string") return Math.ceil(input.length / 4);
  let tokens = 0;
  for (const item of input) {
    if (typeof item === "string") tokens += Math.ceil(item.length / 4);
    else if (typeof item === "number") tokens += 1;
    else tokens += item.length;
  }
  return tokens;
}
