import { describe, expect, it } from "vitest";
import { relaySse, type StreamOutcome } from "./sse.ts";

const enc = new TextEncoder();

/** A node's stream cut into pieces of `size` bytes (splitting events and UTF-8 sequences). */
function nodeStream(text: string, size: number, opts: { breakAfter?: number } = {}) {
  const bytes = enc.encode(text);
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (opts.breakAfter !== undefined && at >= opts.breakAfter) {
        c.error(new Error("stream_reset"));
        return;
      }
      if (at >= bytes.length) {
        c.close();
        return;
      }
      c.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

async function relay(text: string, size: number, keepUsage: boolean, breakAfter?: number) {
  let outcome: StreamOutcome | undefined;
  const out = relaySse(nodeStream(text, size, { breakAfter }), {
    upstream: "org/up-model",
    publicId: "public-model",
    keepUsage,
    abort: () => {},
    customerGone: () => false,
    onDone: (o) => {
      outcome = o;
    },
  });
  return { text: await new Response(out).text(), outcome: () => outcome };
}

const chunk = (content: string) =>
  `data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"org/up-model","choices":[{"index":0,"delta":{"content":${JSON.stringify(content)}},"logprobs":null,"finish_reason":null,"x":1.0}]}\n\n`;
const usage =
  'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"org/up-model","choices":[],"usage":{"prompt_tokens":7,"total_tokens":10,"completion_tokens":3}}\n\n';
const body = `${chunk("Jambo")}${chunk(" 🙂")}${chunk(" rafiki")}${usage}data: [DONE]\n\n`;

describe("relaySse", () => {
  for (const size of [1, 3, 7, 64, 10_000]) {
    it(`rewrites the model in place and drops the unrequested usage chunk (pieces of ${size} B)`, async () => {
      const { text, outcome } = await relay(body, size, false);
      const expected =
        `${chunk("Jambo")}${chunk(" 🙂")}${chunk(" rafiki")}data: [DONE]\n\n`.replaceAll(
          '"model":"org/up-model"',
          '"model":"public-model"',
        );
      // Byte for byte: the chunk was not re-serialised (`1.0` would have become `1`).
      expect(text).toBe(expected);
      expect(outcome()).toMatchObject({
        usage: { promptTokens: 7, completionTokens: 3 },
        generatedChunks: 3,
        completed: true,
        cut: null,
      });
    });
  }

  it("keeps the usage chunk, renamed, when the customer asked for it", async () => {
    const { text } = await relay(body, 5, true);
    expect(text).toContain('"choices":[],"usage":{"prompt_tokens":7');
    expect(text).not.toContain("org/up-model");
  });

  it("strips usage the node attached to a content chunk when nobody asked for it", async () => {
    const attached = `data: {"model":"org/up-model","choices":[{"index":0,"delta":{"content":"hi"}}],"usage":{"prompt_tokens":1,"completion_tokens":1}}\n\ndata: [DONE]\n\n`;
    const { text, outcome } = await relay(attached, 4, false);
    expect(text).toBe(
      'data: {"model":"public-model","choices":[{"index":0,"delta":{"content":"hi"}}]}\n\ndata: [DONE]\n\n',
    );
    expect(outcome()?.usage).toEqual({ promptTokens: 1, completionTokens: 1 });
  });

  it("ends a stream the node breaks with an OpenAI-style error event", async () => {
    const { text, outcome } = await relay(body, 16, false, 400);
    const events = text.trim().split("\n\n");
    expect(JSON.parse(events.at(-1)?.slice(6) ?? "{}")).toMatchObject({
      error: { type: "server_error", code: "stream_interrupted" },
    });
    expect(outcome()).toMatchObject({ completed: false, cut: "node", usage: null });
    expect(outcome()?.generatedChunks).toBeGreaterThan(0);
  });

  it("treats an end without [DONE] as a break", async () => {
    const { text, outcome } = await relay(chunk("a"), 8, false);
    expect(text).toContain("stream_interrupted");
    expect(outcome()).toMatchObject({ completed: false, cut: "node", generatedChunks: 1 });
  });

  it("stops the node and reports the customer's cut when the customer goes away", async () => {
    let aborted = false;
    let outcome: StreamOutcome | undefined;
    const out = relaySse(nodeStream(body, 200), {
      upstream: "org/up-model",
      publicId: "public-model",
      keepUsage: false,
      abort: () => {
        aborted = true;
      },
      customerGone: () => true,
      onDone: (o) => {
        outcome = o;
      },
    });
    const reader = out.getReader();
    await reader.read();
    await reader.cancel();
    expect(aborted).toBe(true);
    expect(outcome).toMatchObject({ completed: false, cut: "customer" });
  });
});
