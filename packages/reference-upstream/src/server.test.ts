import { describe, expect, it } from "vitest";
import { chatPromptTokens, embeddingFor } from "./generate.ts";
import {
  chatModel,
  embedModel,
  expected,
  messages,
  metric,
  until,
  upstream,
} from "./test-helpers.ts";

describe("models, embeddings, metrics and access", () => {
  it("lists its models as vLLM does", async () => {
    const { client } = await upstream();
    const page = await client.models.list();
    expect(page.data.map((m) => m.id)).toEqual([chatModel, embedModel]);
    expect(page.data[0]).toMatchObject({
      object: "model",
      owned_by: "vllm",
      root: chatModel,
      max_model_len: 32768,
    });
  });

  it("embeds deterministically, in float and in the client's default base64", async () => {
    const { client } = await upstream({ embeddingDimensions: 64 });
    const viaBase64 = await client.embeddings.create({
      model: embedModel,
      input: ["north rack", "south rack"],
    });
    expect(viaBase64.data).toHaveLength(2);
    const want = embeddingFor(embedModel, "north rack", 64);
    const got = viaBase64.data[0]?.embedding ?? [];
    expect(got).toHaveLength(64);
    expect(Math.max(...got.map((x, i) => Math.abs(x - (want[i] ?? Number.NaN))))).toBeLessThan(
      1e-6,
    );
    const viaFloat = await client.embeddings.create({
      model: embedModel,
      input: "north rack",
      encoding_format: "float",
    });
    expect(viaFloat.data[0]?.embedding).toEqual(want);
    expect(viaFloat.usage).toEqual({
      prompt_tokens: 3,
      total_tokens: 3,
      completion_tokens: 0,
      prompt_tokens_details: null,
    });
    const short = await client.embeddings.create({
      model: embedModel,
      input: "x",
      dimensions: 8,
      encoding_format: "float",
    });
    expect(short.data[0]?.embedding).toHaveLength(8);
  });

  it("exposes counters in vLLM's names that match what it served", async () => {
    const { u, client } = await upstream();
    await client.chat.completions.create({ model: chatModel, messages, max_tokens: 5 });
    await client.chat.completions.create({ model: chatModel, messages });
    await client.chat.completions.create({ model: "nope", messages }).catch(() => undefined);
    await client.embeddings.create({ model: embedModel, input: "abcdefgh" });
    const text = await (await fetch(`${u.origin}/metrics`)).text();
    const chat = 'engine="0",model_name="edgeplane/reference-chat"';
    expect(text).toContain("# TYPE vllm:time_to_first_token_seconds histogram");
    expect(metric(text, "vllm:prompt_tokens_total", chat)).toBe(2 * chatPromptTokens(messages));
    expect(metric(text, "vllm:generation_tokens_total", chat)).toBe(5 + expected().tokens.length);
    expect(
      metric(text, "vllm:prompt_tokens_total", 'engine="0",model_name="edgeplane/reference-embed"'),
    ).toBe(2);
    expect(metric(text, "vllm:num_requests_running", chat)).toBe(0);
    expect(metric(text, "vllm:kv_cache_usage_perc", chat)).toBe(0);
    expect(metric(text, "vllm:time_to_first_token_seconds_count", chat)).toBe(2);
    expect(
      metric(
        text,
        "vllm:request_success_total",
        'engine="0",finished_reason="length",model_name="edgeplane/reference-chat"',
      ),
    ).toBe(1);
    expect(
      metric(
        text,
        "http_requests_total",
        'handler="/v1/chat/completions",method="POST",status="2xx"',
      ),
    ).toBe(2);
    expect(
      metric(
        text,
        "http_requests_total",
        'handler="/v1/chat/completions",method="POST",status="4xx"',
      ),
    ).toBe(1);
    expect(u.stats()).toMatchObject({
      chatCompletions: 2,
      embeddings: 1,
      completed: 3,
      rejected: 1,
    });

    const legacy = await upstream({ legacyMetricNames: true });
    const old = await (await fetch(`${legacy.u.origin}/metrics`)).text();
    expect(old).toContain("vllm:gpu_cache_usage_perc{");
    expect(old).not.toContain("vllm:kv_cache_usage_perc");
  });

  it("queues requests beyond max_num_seqs and reports them as waiting", async () => {
    const { u, client } = await upstream({
      maxNumSeqs: 1,
      tokensPerSecond: 200,
      completionTokens: 20,
    });
    const both = Promise.all([
      client.chat.completions.create({ model: chatModel, messages }),
      client.chat.completions.create({
        model: chatModel,
        messages: [{ role: "user", content: "other" }],
      }),
    ]);
    await until(() => u.stats().waiting === 1, "a waiting request");
    const text = await (await fetch(`${u.origin}/metrics`)).text();
    expect(
      metric(text, "vllm:num_requests_waiting", 'engine="0",model_name="edgeplane/reference-chat"'),
    ).toBe(1);
    const [a, b] = await both;
    expect(a.usage?.completion_tokens).toBe(20);
    expect(b.usage?.completion_tokens).toBe(20);
    expect(u.stats()).toMatchObject({ waiting: 0, running: 0, completed: 2 });
  });

  it("asks for the API key on /v1 only, as vllm --api-key does", async () => {
    const { u, client } = await upstream({ apiKey: "sk-local" });
    expect((await client.models.list()).data).toHaveLength(2);
    const res = await fetch(`${u.url}/models`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "Unauthorized" });
    expect((await fetch(`${u.origin}/health`)).status).toBe(200);
    expect((await fetch(`${u.origin}/metrics`)).status).toBe(200);
    expect((await fetch(`${u.origin}/nowhere`)).status).toBe(404);
  });
});
