import { APIError } from "openai";
import { describe, expect, it } from "vitest";
import { chatPromptTokens } from "./generate.ts";
import { chatModel, expected, messages, metric, until, upstream } from "./test-helpers.ts";

describe("chat completions with the official openai client", () => {
  it("answers a chat completion with deterministic text and its usage", async () => {
    const { client } = await upstream();
    const res = await client.chat.completions.create({ model: chatModel, messages });
    const want = expected();
    expect(res.object).toBe("chat.completion");
    expect(res.id).toMatch(/^chatcmpl-[0-9a-f]{32}$/);
    expect(res.choices[0]?.message).toMatchObject({
      role: "assistant",
      content: want.tokens.join(""),
    });
    expect(res.choices[0]?.finish_reason).toBe("stop");
    expect(res.usage).toMatchObject({
      prompt_tokens: chatPromptTokens(messages),
      completion_tokens: want.tokens.length,
      total_tokens: chatPromptTokens(messages) + want.tokens.length,
    });
    const again = await client.chat.completions.create({ model: chatModel, messages });
    expect(again.choices[0]?.message.content).toBe(res.choices[0]?.message.content);
  });

  it("honours max_tokens and max_completion_tokens", async () => {
    const { client } = await upstream();
    const short = await client.chat.completions.create({
      model: chatModel,
      messages,
      max_tokens: 3,
    });
    expect(short.choices[0]?.message.content).toBe(expected(3).tokens.join(""));
    expect(short.choices[0]?.finish_reason).toBe("length");
    expect(short.usage?.completion_tokens).toBe(3);
    const newer = await client.chat.completions.create({
      model: chatModel,
      messages,
      max_completion_tokens: 2,
    });
    expect(newer.usage?.completion_tokens).toBe(2);
  });

  it("streams chunks and ends with the usage chunk when include_usage is set", async () => {
    const { client } = await upstream();
    const stream = await client.chat.completions.create({
      model: chatModel,
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: "assistant", content: "" });
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
    expect(text).toBe(expected().tokens.join(""));
    const last = chunks[chunks.length - 1];
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toEqual({
      prompt_tokens: chatPromptTokens(messages),
      completion_tokens: expected().tokens.length,
      total_tokens: chatPromptTokens(messages) + expected().tokens.length,
    });
    expect(chunks[chunks.length - 2]?.choices[0]?.finish_reason).toBe("stop");
  });

  it("sends no usage chunk without include_usage, and ends with data: [DONE]", async () => {
    const { u } = await upstream();
    const res = await fetch(`${u.url}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: chatModel, messages, stream: true, max_tokens: 4 }),
    });
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const events = (await res.text()).split("\n\n").filter(Boolean);
    expect(events[events.length - 1]).toBe("data: [DONE]");
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.replace(/^data: /, "")));
    expect(chunks).toHaveLength(1 + 4);
    expect(chunks.every((c) => c.object === "chat.completion.chunk" && !("usage" in c))).toBe(true);
    expect(chunks[4].choices[0]).toMatchObject({
      finish_reason: "length",
      delta: { content: expected(4).tokens[3] },
    });
  });

  it("refuses an unknown model and bad input with vLLM's error bodies", async () => {
    const { client } = await upstream();
    const unknown = await client.chat.completions
      .create({ model: "nope", messages })
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(APIError);
    expect(unknown).toMatchObject({
      status: 404,
      type: "NotFoundError",
      param: "model",
      error: {
        message: "The model `nope` does not exist.",
        type: "NotFoundError",
        param: "model",
        code: 404,
      },
    });
    const bad = await client.chat.completions
      .create({ model: chatModel, messages, max_tokens: 0 })
      .catch((e: unknown) => e);
    expect(bad).toMatchObject({ status: 400, type: "BadRequestError", param: "max_tokens" });
    const tooLong = await client.chat.completions
      .create({ model: chatModel, messages, max_tokens: 40_000 })
      .catch((e: unknown) => e);
    expect((tooLong as APIError).message).toMatch(/maximum context length is 32768 tokens/);
    const wrongKind = await client.embeddings
      .create({ model: chatModel, input: "x" })
      .catch((e: unknown) => e);
    expect(wrongKind).toMatchObject({ status: 400, param: "model" });
  });

  it("serves the pre-0.10.1 flat error shape on request", async () => {
    const { u } = await upstream({ errorFormat: "legacy" });
    const res = await fetch(`${u.url}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "nope", messages }),
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      object: "error",
      message: "The model `nope` does not exist.",
      type: "NotFoundError",
      param: "model",
      code: 404,
    });
    const notJson = await fetch(`${u.url}/chat/completions`, { method: "POST", body: "{" });
    expect(await notJson.json()).toMatchObject({
      object: "error",
      type: "BadRequestError",
      code: 400,
    });
  });

  it("injects failures: 500s and streams cut halfway", async () => {
    const failing = await upstream({ failureRate: 1 });
    const err = await failing.client.chat.completions
      .create({ model: chatModel, messages })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 500, type: "InternalServerError" });
    expect(failing.u.stats().failed).toBe(1);

    const cut = await upstream({ midStreamFailureRate: 1, completionTokens: 10 });
    const stream = await cut.client.chat.completions.create({
      model: chatModel,
      messages,
      stream: true,
    });
    const got: string[] = [];
    const outcome = await (async () => {
      for await (const c of stream) got.push(c.choices[0]?.delta.content ?? "");
    })().catch((e: unknown) => e);
    expect(outcome).toBeInstanceOf(Error);
    expect(got.join("").split(" ").length).toBeLessThan(10);
    expect(cut.u.stats().failed).toBe(1);
  });

  it("stops generating when the client disconnects mid-stream, and counts it", async () => {
    const { u, client } = await upstream({ tokensPerSecond: 100, completionTokens: 1000 });
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: chatModel, messages, stream: true },
      { signal: controller.signal },
    );
    let seen = 0;
    await (async () => {
      for await (const _ of stream) {
        seen++;
        if (seen === 3) controller.abort();
      }
    })().catch(() => undefined);
    await until(() => u.stats().cancelled === 1 && u.stats().running === 0, "the cancellation");
    const generated = u.stats().completionTokens;
    expect(generated).toBeGreaterThanOrEqual(2);
    expect(generated).toBeLessThan(1000);
    const text = await (await fetch(`${u.origin}/metrics`)).text();
    const labels = 'engine="0",finished_reason="abort",model_name="edgeplane/reference-chat"';
    expect(metric(text, "vllm:request_success_total", labels)).toBe(1);
    expect(
      metric(
        text,
        "vllm:generation_tokens_total",
        'engine="0",model_name="edgeplane/reference-chat"',
      ),
    ).toBe(generated);
  });
});
