import type { ErrorFormat } from "./errors.ts";

export interface ReferenceModel {
  id: string;
  /** `chat` models answer /v1/chat/completions, `embedding` models /v1/embeddings. */
  kind?: "chat" | "embedding";
  maxModelLen?: number;
}

export interface ReferenceUpstreamOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  models?: (string | ReferenceModel)[];
  /** Decode speed of each request; 0 (default) sends every token at once. */
  tokensPerSecond?: number;
  /** Delay before the first token (and before an embeddings answer). */
  firstTokenLatencyMs?: number;
  /** Share of requests answered with vLLM's 500 before any output (0–1). */
  failureRate?: number;
  /** Share of requests whose connection is cut halfway through the answer (0–1). */
  midStreamFailureRate?: number;
  embeddingDimensions?: number;
  /** Natural completion length in tokens; by default 8–64, fixed by the prompt. */
  completionTokens?: number;
  /** Requests generating at once per model (vLLM's max_num_seqs); more wait in the queue. */
  maxNumSeqs?: number;
  /** KV-cache capacity in tokens, for vllm:kv_cache_usage_perc. */
  kvCacheTokens?: number;
  /** Require `Authorization: Bearer <apiKey>` on /v1 (vLLM's --api-key). */
  apiKey?: string;
  errorFormat?: ErrorFormat;
  /** Expose vllm:gpu_cache_usage_perc instead of vllm:kv_cache_usage_perc (vLLM before 0.9.2). */
  legacyMetricNames?: boolean;
  /** Seed of the failure draws, so a failure pattern can be replayed. */
  seed?: number;
}

export interface ResolvedModel {
  id: string;
  kind: "chat" | "embedding";
  maxModelLen: number;
}

export type ResolvedOptions = Required<
  Omit<ReferenceUpstreamOptions, "models" | "apiKey" | "completionTokens">
> & {
  models: ResolvedModel[];
  apiKey: string | undefined;
  completionTokens: number | undefined;
};

export const defaultModels: ReferenceModel[] = [
  { id: "edgeplane/reference-chat", kind: "chat" },
  { id: "edgeplane/reference-embed", kind: "embedding", maxModelLen: 512 },
];

export function resolveOptions(o: ReferenceUpstreamOptions): ResolvedOptions {
  const models = (o.models ?? defaultModels).map((m): ResolvedModel => {
    const model = typeof m === "string" ? { id: m } : m;
    return { id: model.id, kind: model.kind ?? "chat", maxModelLen: model.maxModelLen ?? 32_768 };
  });
  if (models.length === 0) throw new Error("the reference upstream needs at least one model");
  const share = (v: number | undefined, name: string) => {
    const x = v ?? 0;
    if (!(x >= 0 && x <= 1)) throw new Error(`${name} must be between 0 and 1`);
    return x;
  };
  return {
    port: o.port ?? 0,
    host: o.host ?? "127.0.0.1",
    models,
    tokensPerSecond: Math.max(0, o.tokensPerSecond ?? 0),
    firstTokenLatencyMs: Math.max(0, o.firstTokenLatencyMs ?? 0),
    failureRate: share(o.failureRate, "failureRate"),
    midStreamFailureRate: share(o.midStreamFailureRate, "midStreamFailureRate"),
    embeddingDimensions: o.embeddingDimensions ?? 384,
    completionTokens: o.completionTokens,
    maxNumSeqs: Math.max(1, o.maxNumSeqs ?? 256),
    kvCacheTokens: Math.max(1, o.kvCacheTokens ?? 262_144),
    apiKey: o.apiKey,
    errorFormat: o.errorFormat ?? "openai",
    legacyMetricNames: o.legacyMetricNames ?? false,
    seed: o.seed ?? 1,
  };
}
