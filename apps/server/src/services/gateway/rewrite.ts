/*
 * The node knows a model by its upstream name; the customer by its public id. These rewrite
 * one into the other in what the node answers, and read the token usage on the way.
 */

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export function readUsage(v: unknown): TokenUsage | null {
  if (!isRecord(v)) return null;
  const p = v.prompt_tokens;
  const c = v.completion_tokens ?? 0;
  if (typeof p !== "number" || typeof c !== "number" || p < 0 || c < 0) return null;
  return { promptTokens: Math.round(p), completionTokens: Math.round(c) };
}

/** Replaces every mention of the upstream name in free text (error messages) by the public id. */
export function hideUpstreamName(text: string, upstream: string, publicId: string): string {
  return upstream.length > 0 ? text.split(upstream).join(publicId) : text;
}

/** A whole JSON answer (non-streamed): `model` set to the public id, usage read. */
export function rewriteJsonAnswer(
  text: string,
  upstream: string,
  publicId: string,
): { text: string; usage: TokenUsage | null } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { text: hideUpstreamName(text, upstream, publicId), usage: null };
  }
  if (!isRecord(body)) return { text, usage: null };
  if (typeof body.model === "string") body.model = publicId;
  return { text: JSON.stringify(body), usage: readUsage(body.usage) };
}

/** Any error the node sent, in OpenAI's shape, without the upstream name. */
export function normaliseUpstreamError(
  status: number,
  text: string,
  upstream: string,
  publicId: string,
): { error: { message: string; type: string; param: string | null; code: string | null } } {
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: a proxy's HTML page or plain text; the status is what counts.
  }
  const inner = isRecord(body) && isRecord(body.error) ? body.error : isRecord(body) ? body : {};
  const raw = typeof inner.message === "string" ? inner.message : `The node answered ${status}`;
  const message = hideUpstreamName(raw.slice(0, 2000), upstream, publicId);
  const param = typeof inner.param === "string" ? inner.param : null;
  const code = typeof inner.code === "string" ? inner.code : null;
  const type = status >= 500 ? "server_error" : "invalid_request_error";
  return { error: { message, type, param, code } };
}

const contentDelta = /"(?:content|reasoning_content|arguments)":"[^"]/;

export interface ChunkResult {
  /** The data payload to send; null drops the event (a usage chunk nobody asked for). */
  payload: string | null;
  usage: TokenUsage | null;
  /** Whether the chunk carried generated output (≈ one token per chunk on vLLM). */
  generated: boolean;
}

/**
 * One SSE `data:` payload of a chat stream. The common chunk is rewritten by replacing the
 * `"model":"<upstream>"` bytes (JSON strings cannot contain an unescaped quote, so the match is
 * the key); only chunks with usage or an unexpected layout are parsed and re-serialised.
 */
export function rewriteChunk(
  payload: string,
  needle: string,
  replacement: string,
  upstream: string,
  publicId: string,
  keepUsage: boolean,
): ChunkResult {
  const hasUsage = payload.includes('"usage":{') || payload.includes('"usage": {');
  if (!hasUsage && !payload.startsWith('{"error"')) {
    const at = payload.indexOf(needle);
    if (at >= 0 || !payload.includes('"model"')) {
      const out =
        at >= 0 ? payload.slice(0, at) + replacement + payload.slice(at + needle.length) : payload;
      return { payload: out, usage: null, generated: contentDelta.test(payload) };
    }
  }
  let chunk: unknown;
  try {
    chunk = JSON.parse(payload);
  } catch {
    return { payload, usage: null, generated: false };
  }
  if (!isRecord(chunk)) return { payload, usage: null, generated: false };
  if (typeof chunk.model === "string") chunk.model = publicId;
  if (isRecord(chunk.error) && typeof chunk.error.message === "string") {
    chunk.error.message = hideUpstreamName(chunk.error.message, upstream, publicId);
  }
  const usage = readUsage(chunk.usage);
  const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
  const generated = choices.some((c) => isRecord(c) && isRecord(c.delta) && hasOutput(c.delta));
  if (usage && !keepUsage) {
    if (choices.length === 0) return { payload: null, usage, generated };
    delete chunk.usage;
  }
  return { payload: JSON.stringify(chunk), usage, generated };
}

function hasOutput(delta: Record<string, unknown>): boolean {
  const text = (v: unknown) => typeof v === "string" && v.length > 0;
  return text(delta.content) || text(delta.reasoning_content) || Array.isArray(delta.tool_calls);
}
