import { type PromPage, parsePrometheusText, samplesNamed, sumOf } from "./prometheus.ts";
import { nonNeg, pct, round } from "./values.ts";

/** What one scrape of an inference server's `/metrics` says, in vLLM's names. */
export interface VllmSnapshot {
  requestsRunning: number | null;
  requestsWaiting: number | null;
  /** 0–100 (vLLM reports a 0–1 fraction despite the `_perc` suffix). */
  kvCacheUsagePct: number | null;
  promptTokensTotal: number | null;
  generationTokensTotal: number | null;
  /** Requests answered, for the error rate: the HTTP counters when exposed, else vLLM's own. */
  requestsTotal: number | null;
  requestsFailed: number | null;
  /** Which KV-cache gauge the server exposes (`vllm:gpu_cache_usage_perc` before 0.9.2). */
  kvCacheMetric: "vllm:kv_cache_usage_perc" | "vllm:gpu_cache_usage_perc" | null;
}

function average(page: PromPage, name: string): number | null {
  const values = samplesNamed(page, name)
    .map((s) => s.value)
    .filter(Number.isFinite);
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Inference handlers only: health checks, scrapes and model listings are not "requests". */
const isInferenceHandler = (h: string | undefined) =>
  h?.startsWith("/v1/") === true && h !== "/v1/models";

export function vllmSnapshotFromPage(page: PromPage): VllmSnapshot {
  const current = average(page, "vllm:kv_cache_usage_perc");
  const legacy = average(page, "vllm:gpu_cache_usage_perc");
  const kv = current ?? legacy;

  let requestsTotal = sumOf(page, "http_requests_total", (l) => isInferenceHandler(l.handler));
  let requestsFailed = sumOf(
    page,
    "http_requests_total",
    (l) => isInferenceHandler(l.handler) && (l.status ?? "").startsWith("5"),
  );
  if (requestsTotal === null) {
    requestsTotal = sumOf(page, "vllm:request_success_total");
    requestsFailed =
      requestsTotal === null
        ? null
        : (sumOf(page, "vllm:request_success_total", (l) => l.finished_reason === "error") ?? 0);
  } else {
    requestsFailed ??= 0;
  }

  return {
    requestsRunning: nonNeg(sumOf(page, "vllm:num_requests_running")),
    requestsWaiting: nonNeg(sumOf(page, "vllm:num_requests_waiting")),
    kvCacheUsagePct: kv === null ? null : pct(round(Math.min(1, Math.max(0, kv)) * 100)),
    promptTokensTotal: nonNeg(sumOf(page, "vllm:prompt_tokens_total")),
    generationTokensTotal: nonNeg(sumOf(page, "vllm:generation_tokens_total")),
    requestsTotal,
    requestsFailed,
    kvCacheMetric:
      current !== null
        ? "vllm:kv_cache_usage_perc"
        : legacy !== null
          ? "vllm:gpu_cache_usage_perc"
          : null,
  };
}

export function parseVllmMetrics(text: string): VllmSnapshot {
  return vllmSnapshotFromPage(parsePrometheusText(text));
}

/** A counter's increase between two scrapes; a drop means the server restarted (from 0). */
function increase(prev: number | null, cur: number | null): number | null {
  if (prev === null || cur === null) return null;
  return cur >= prev ? cur - prev : cur;
}

/** Tokens/s and failed share over the interval between two scrapes. */
export function inferenceRates(
  prev: { snapshot: VllmSnapshot; atMs: number } | null,
  cur: { snapshot: VllmSnapshot; atMs: number },
): { tokensPerSecond: number | null; errorRatePct: number | null } {
  if (!prev || cur.atMs <= prev.atMs) return { tokensPerSecond: null, errorRatePct: null };
  const seconds = (cur.atMs - prev.atMs) / 1000;
  const tokens = increase(prev.snapshot.generationTokensTotal, cur.snapshot.generationTokensTotal);
  const total = increase(prev.snapshot.requestsTotal, cur.snapshot.requestsTotal);
  const failed = increase(prev.snapshot.requestsFailed, cur.snapshot.requestsFailed);
  return {
    tokensPerSecond: tokens === null ? null : round(tokens / seconds),
    errorRatePct:
      total === null || failed === null || total === 0
        ? null
        : pct(round((Math.min(failed, total) / total) * 100)),
  };
}
