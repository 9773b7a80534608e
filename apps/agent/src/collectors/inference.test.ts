import { inferenceSampleSchema } from "@edgeplane/contracts";
import { type ReferenceUpstream, startReferenceUpstream } from "@edgeplane/reference-upstream";
import { afterEach, describe, expect, it } from "vitest";
import { InferenceCollector, upstreamRoot } from "./inference.ts";

const open: ReferenceUpstream[] = [];
afterEach(async () => {
  for (const u of open.splice(0)) await u.close();
});

async function chat(u: ReferenceUpstream, maxTokens: number, apiKey?: string) {
  const res = await fetch(`${u.url}/chat/completions`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
    },
    body: JSON.stringify({
      model: "edgeplane/reference-chat",
      messages: [{ role: "user", content: "hi" }],
      max_tokens: maxTokens,
      ignore_eos: true,
    }),
  });
  expect(res.status).toBe(200);
}

describe("inference collector against the reference upstream", () => {
  it("finds /metrics and /health at the root of the OpenAI base URL", () => {
    expect(upstreamRoot("http://127.0.0.1:8000/v1")).toBe("http://127.0.0.1:8000");
    expect(upstreamRoot("http://127.0.0.1:8000/v1/")).toBe("http://127.0.0.1:8000");
    expect(upstreamRoot("http://gpu:8080")).toBe("http://gpu:8080");
  });

  it("reports health, models, serving gauges and tokens/s from counter deltas", async () => {
    const u = await startReferenceUpstream({ apiKey: "sk-local" });
    open.push(u);
    let now = 1_000_000;
    const collector = new InferenceCollector({
      upstream: u.url,
      apiKey: "sk-local",
      now: () => now,
    });
    const first = await collector.collect();
    expect(inferenceSampleSchema.parse(first)).toEqual(first);
    expect(first).toMatchObject({
      upstreamHealthy: true,
      models: ["edgeplane/reference-chat", "edgeplane/reference-embed"],
      requestsRunning: 0,
      kvCacheUsagePct: 0,
      generationTokensTotal: 0,
      tokensPerSecond: null,
      errorRatePct: null,
    });
    await chat(u, 300, "sk-local");
    await chat(u, 200, "sk-local");
    now += 10_000;
    const second = await collector.collect();
    expect(second).toMatchObject({
      generationTokensTotal: 500,
      tokensPerSecond: 50,
      errorRatePct: 0,
    });
    expect(second.promptTokensTotal).toBe(u.stats().promptTokens);
  });

  it("computes the error rate from the HTTP counters", async () => {
    const u = await startReferenceUpstream({ failureRate: 0.5, seed: 7 });
    open.push(u);
    let now = 0;
    const collector = new InferenceCollector({ upstream: u.url, now: () => now });
    await collector.collect();
    for (let i = 0; i < 10; i++) {
      await fetch(`${u.url}/chat/completions`, {
        method: "POST",
        body: JSON.stringify({
          model: "edgeplane/reference-chat",
          messages: [{ role: "user", content: `q${i}` }],
        }),
      });
    }
    now += 10_000;
    const sample = await collector.collect();
    expect(sample.errorRatePct).toBe((u.stats().failed / 10) * 100);
    expect(u.stats().failed).toBeGreaterThan(0);
  });

  it("reads older servers' vllm:gpu_cache_usage_perc", async () => {
    const u = await startReferenceUpstream({
      legacyMetricNames: true,
      kvCacheTokens: 1000,
      tokensPerSecond: 100,
      completionTokens: 500,
    });
    open.push(u);
    const busy = new AbortController();
    const running = fetch(`${u.url}/chat/completions`, {
      method: "POST",
      body: JSON.stringify({
        model: "edgeplane/reference-chat",
        messages: [{ role: "user", content: "a long answer please" }],
      }),
      signal: busy.signal,
    }).catch(() => undefined);
    for (let i = 0; i < 500 && u.stats().running === 0; i++)
      await new Promise((r) => setTimeout(r, 5));
    const sample = await new InferenceCollector({ upstream: u.url }).collect();
    busy.abort();
    await running;
    expect(sample.requestsRunning).toBe(1);
    expect(sample.kvCacheUsagePct).toBeGreaterThan(0);
    expect(sample.kvCacheUsagePct).toBeLessThan(100);
  });

  it("says plainly when the upstream is down", async () => {
    const u = await startReferenceUpstream();
    await u.close();
    const sample = await new InferenceCollector({ upstream: u.url, timeoutMs: 500 }).collect();
    expect(sample).toEqual({
      upstreamHealthy: false,
      requestsRunning: null,
      requestsWaiting: null,
      kvCacheUsagePct: null,
      promptTokensTotal: null,
      generationTokensTotal: null,
      tokensPerSecond: null,
      errorRatePct: null,
      models: [],
    });
  });
});
