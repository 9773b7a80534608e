import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parseModelsResponse } from "./models.ts";
import { parsePrometheusText } from "./prometheus.ts";
import { inferenceRates, parseVllmMetrics } from "./vllm.ts";

const fixture = (name: string) => readFile(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("vLLM /metrics", () => {
  it("parses the whole page, histograms and exponent notation included", async () => {
    const page = parsePrometheusText(await fixture("vllm-metrics.txt"));
    expect(page.skipped).toBe(0);
    expect(page.types.get("vllm:time_to_first_token_seconds")).toBe("histogram");
    const inf = page.samples.find(
      (s) => s.name === "vllm:time_to_first_token_seconds_bucket" && s.labels.le === "+Inf",
    );
    expect(inf).toEqual({
      name: "vllm:time_to_first_token_seconds_bucket",
      labels: { engine: "0", le: "+Inf", model_name: "meta-llama/Llama-3.1-8B-Instruct" },
      value: 18226,
    });
    const gen = page.samples.find((s) => s.name === "vllm:generation_tokens_total");
    expect(gen?.value).toBe(4_862_117);
  });

  it("reads the serving gauges and counters, preferring vllm:kv_cache_usage_perc", async () => {
    expect(parseVllmMetrics(await fixture("vllm-metrics.txt"))).toEqual({
      requestsRunning: 37,
      requestsWaiting: 4,
      kvCacheUsagePct: 68.43,
      promptTokensTotal: 9_214_736,
      generationTokensTotal: 4_862_117,
      requestsTotal: 18_267,
      requestsFailed: 4,
      kvCacheMetric: "vllm:kv_cache_usage_perc",
    });
  });

  it("falls back to vllm:gpu_cache_usage_perc and vLLM's own request counter on older servers", async () => {
    expect(parseVllmMetrics(await fixture("vllm-metrics-v0.6.txt"))).toEqual({
      requestsRunning: 12,
      requestsWaiting: 0,
      kvCacheUsagePct: 21.34,
      promptTokensTotal: 1_203_311,
      generationTokensTotal: 640_219,
      requestsTotal: 2624,
      requestsFailed: 0,
      kvCacheMetric: "vllm:gpu_cache_usage_perc",
    });
  });

  it("reports nothing it cannot see", () => {
    expect(parseVllmMetrics("# an llama.cpp server without metrics\n")).toMatchObject({
      requestsRunning: null,
      kvCacheUsagePct: null,
      generationTokensTotal: null,
      requestsTotal: null,
      kvCacheMetric: null,
    });
  });
});

describe("rates between two scrapes", () => {
  const snap = (gen: number, total: number, failed: number) => ({
    ...parseVllmMetrics(""),
    generationTokensTotal: gen,
    requestsTotal: total,
    requestsFailed: failed,
  });

  it("computes tokens/s from generation_tokens_total and the failed share", () => {
    const rates = inferenceRates(
      { snapshot: snap(1000, 100, 1), atMs: 0 },
      { snapshot: snap(31_000, 300, 11), atMs: 10_000 },
    );
    expect(rates).toEqual({ tokensPerSecond: 3000, errorRatePct: 5 });
  });

  it("has no rate on the first scrape, none for an idle interval, and survives a restart", () => {
    expect(inferenceRates(null, { snapshot: snap(5, 1, 0), atMs: 1 })).toEqual({
      tokensPerSecond: null,
      errorRatePct: null,
    });
    expect(
      inferenceRates(
        { snapshot: snap(50, 10, 0), atMs: 0 },
        { snapshot: snap(50, 10, 0), atMs: 10_000 },
      ),
    ).toEqual({ tokensPerSecond: 0, errorRatePct: null });
    // The counter went down: the server restarted, so it counted from zero.
    expect(
      inferenceRates(
        { snapshot: snap(90_000, 500, 0), atMs: 0 },
        { snapshot: snap(2_000, 20, 1), atMs: 10_000 },
      ),
    ).toEqual({ tokensPerSecond: 200, errorRatePct: 5 });
  });
});

describe("/v1/models", () => {
  it("lists the served model ids", async () => {
    expect(parseModelsResponse(JSON.parse(await fixture("vllm-v1-models.json")))).toEqual([
      "meta-llama/Llama-3.1-8B-Instruct",
    ]);
    expect(parseModelsResponse({ error: { message: "Unauthorized" } })).toEqual([]);
    expect(parseModelsResponse(null)).toEqual([]);
  });
});
