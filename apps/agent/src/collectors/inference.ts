import type { InferenceSample } from "@edgeplane/contracts";
import { userAgent } from "../version.ts";
import { parseModelsResponse } from "./models.ts";
import { inferenceRates, parseVllmMetrics, type VllmSnapshot } from "./vllm.ts";

export interface InferenceCollectorOptions {
  /** The OpenAI base URL, e.g. `http://127.0.0.1:8000/v1`; `/metrics` and `/health` sit at its root. */
  upstream: string;
  /** vLLM's `--api-key`, needed for `/v1/models` (not for `/metrics` or `/health`). */
  apiKey?: string;
  timeoutMs?: number;
  now?: () => number;
}

/** The server root of an OpenAI base URL: `http://h:8000/v1` → `http://h:8000`. */
export function upstreamRoot(upstream: string): string {
  return upstream.replace(/\/+$/, "").replace(/\/v1$/, "");
}

/** Scrapes the local inference server: health, `/metrics` (vLLM names) and `/v1/models`. */
export class InferenceCollector {
  readonly #base: string;
  readonly #root: string;
  readonly #apiKey?: string;
  readonly #timeoutMs: number;
  readonly #now: () => number;
  #previous: { snapshot: VllmSnapshot; atMs: number } | null = null;

  constructor(options: InferenceCollectorOptions) {
    this.#base = options.upstream.replace(/\/+$/, "");
    this.#root = upstreamRoot(options.upstream);
    this.#apiKey = options.apiKey;
    this.#timeoutMs = options.timeoutMs ?? 3000;
    this.#now = options.now ?? Date.now;
  }

  async #get(url: string, auth: boolean): Promise<Response | null> {
    const headers: Record<string, string> = { "user-agent": userAgent };
    if (auth && this.#apiKey) headers.authorization = `Bearer ${this.#apiKey}`;
    try {
      return await fetch(url, { headers, signal: AbortSignal.timeout(this.#timeoutMs) });
    } catch {
      return null;
    }
  }

  async collect(): Promise<InferenceSample> {
    const [health, metrics, models] = await Promise.all([
      this.#get(`${this.#root}/health`, false),
      this.#get(`${this.#root}/metrics`, false),
      this.#get(`${this.#base}/models`, true),
    ]);
    const atMs = this.#now();
    const metricsText = metrics?.ok ? await metrics.text().catch(() => null) : null;
    const modelsBody = models?.ok ? await models.json().catch(() => null) : null;
    await health?.body?.cancel();
    const snapshot = metricsText === null ? null : parseVllmMetrics(metricsText);
    const rates = snapshot ? inferenceRates(this.#previous, { snapshot, atMs }) : null;
    this.#previous = snapshot ? { snapshot, atMs } : null;
    return {
      // Servers without /health (some llama.cpp and Ollama builds) count as up when they list models.
      upstreamHealthy: Boolean(health?.ok) || Boolean(models?.ok),
      requestsRunning: snapshot?.requestsRunning ?? null,
      requestsWaiting: snapshot?.requestsWaiting ?? null,
      kvCacheUsagePct: snapshot?.kvCacheUsagePct ?? null,
      promptTokensTotal: snapshot?.promptTokensTotal ?? null,
      generationTokensTotal: snapshot?.generationTokensTotal ?? null,
      tokensPerSecond: rates?.tokensPerSecond ?? null,
      errorRatePct: rates?.errorRatePct ?? null,
      models: parseModelsResponse(modelsBody),
    };
  }
}
