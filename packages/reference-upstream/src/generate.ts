/* Deterministic "model output": the same request always yields the same text and vectors. */

const vocabulary = (
  "the edge node serves tokens from a quiet rack while operators watch power heat and latency " +
  "across every site in the network so that customers receive fast answers at fair prices and " +
  "each model stays close to the data it needs today"
).split(" ");

/** FNV-1a, 32 bit. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The stand-in's tokenizer: about four characters a token, as a rule of thumb has it. */
export function countTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

export interface ChatMessageLike {
  role: string;
  content: unknown;
}

/** Text of a message's content: a string, or the `text` parts of a content array. */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((p) =>
      typeof p === "object" && p !== null && "text" in p && typeof p.text === "string"
        ? p.text
        : "",
    )
    .join("");
}

export function promptText(messages: ChatMessageLike[]): string {
  return messages.map((m) => `${m.role}: ${contentText(m.content)}`).join("\n");
}

/** Four tokens of chat template around each message, three to open the assistant's turn. */
export function chatPromptTokens(messages: ChatMessageLike[]): number {
  return messages.reduce((n, m) => n + countTokens(contentText(m.content)) + 4, 3);
}

export interface Completion {
  /** One entry per token; every token after the first starts with a space. */
  tokens: string[];
  finishReason: "stop" | "length";
}

/**
 * The completion for a prompt: its natural length (8–64 tokens, or `naturalTokens`) is fixed by
 * the prompt's hash; `maxTokens` cuts it short (`length`), `ignoreEos` runs to `maxTokens`.
 */
export function completionFor(
  model: string,
  prompt: string,
  options: { maxTokens?: number; ignoreEos?: boolean; naturalTokens?: number } = {},
): Completion {
  const seed = hash32(`${model}\n${prompt}`);
  const natural = options.naturalTokens ?? 8 + (seed % 57);
  const { maxTokens, ignoreEos } = options;
  const n =
    ignoreEos && maxTokens !== undefined ? maxTokens : Math.min(natural, maxTokens ?? natural);
  const rng = mulberry32(seed);
  const tokens = Array.from({ length: n }, (_, i) => {
    const word = vocabulary[Math.floor(rng() * vocabulary.length)] ?? "token";
    return i === 0 ? word : ` ${word}`;
  });
  const finishReason = n < natural || (ignoreEos && maxTokens !== undefined) ? "length" : "stop";
  return { tokens, finishReason };
}

/** A unit-length vector that depends only on the model and the text. */
export function embeddingFor(model: string, text: string, dimensions: number): number[] {
  const rng = mulberry32(hash32(`${model}\0${text}`));
  const v = Array.from({ length: dimensions }, () => rng() * 2 - 1);
  const norm = Math.sqrt(v.reduce((a, x) => a + x * x, 0)) || 1;
  return v.map((x) => Math.fround(x / norm));
}

/** vLLM's `encoding_format: "base64"`: little-endian float32, base64. */
export function toBase64(vector: number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString("base64");
}
