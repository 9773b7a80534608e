import { describe, expect, it } from "vitest";
import {
  example,
  exampleLanguages,
  exampleModels,
  exampleRequests,
  exportKeyLine,
  gatewayBaseUrl,
} from "./examples.ts";

const ctx = {
  baseUrl: gatewayBaseUrl("https://edge.example.com"),
  chatModel: "llama-3.1-8b",
  embeddingModel: "bge-small",
};

const model = (publicId: string, kind: string, status = "active", nodes = 1) => ({
  publicId,
  kind,
  status,
  availability: nodes > 0 ? [{ region: "eu", nodes }] : [],
});

describe("gateway examples", () => {
  it("puts the gateway under /api/v1 of the page's origin", () => {
    expect(gatewayBaseUrl("http://127.0.0.1:4750")).toBe("http://127.0.0.1:4750/api/v1");
    expect(gatewayBaseUrl("https://edge.example.com/")).toBe("https://edge.example.com/api/v1");
  });

  it("lists models with curl and the bearer key from the environment", () => {
    expect(example("curl", "models", ctx)).toBe(
      [
        "curl -i https://edge.example.com/api/v1/models \\",
        '  -H "Authorization: Bearer $EDGEPLANE_API_KEY"',
      ].join("\n"),
    );
    expect(exportKeyLine()).toBe('export EDGEPLANE_API_KEY="epk_…"');
  });

  it("sends a JSON body the shell passes through unchanged, streamed with usage when asked", () => {
    const chat = example("curl", "stream", ctx);
    expect(chat).toContain("curl -N https://edge.example.com/api/v1/chat/completions");
    const body = /-d '(.*)'$/.exec(chat)?.[1] ?? "";
    expect(JSON.parse(body)).toEqual({
      model: "llama-3.1-8b",
      messages: [{ role: "user", content: "Say hello in one sentence." }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const embeddings = example("curl", "embeddings", ctx);
    expect(embeddings).toContain("/api/v1/embeddings");
    expect(embeddings).toContain('"model":"bge-small"');
  });

  it("configures the OpenAI SDKs with the base URL and the key", () => {
    const node = example("node", "chat", ctx);
    expect(node).toContain("new OpenAI({");
    expect(node).toContain('baseURL: "https://edge.example.com/api/v1"');
    expect(node).toContain("apiKey: process.env.EDGEPLANE_API_KEY");
    expect(node).toContain('model: "llama-3.1-8b"');
    const python = example("python", "embeddings", ctx);
    expect(python).toContain('base_url="https://edge.example.com/api/v1"');
    expect(python).toContain('api_key=os.environ["EDGEPLANE_API_KEY"]');
    expect(python).toContain('model="bge-small"');
  });

  it("has an example for every language and request", () => {
    for (const l of exampleLanguages) {
      for (const r of exampleRequests) expect(example(l.value, r.value, ctx)).toContain("/api/v1");
    }
  });

  it("uses the catalogue's active models, an available one first, else placeholders", () => {
    expect(
      exampleModels([
        model("old-chat", "chat", "disabled"),
        model("cold-chat", "chat", "active", 0),
        model("warm-chat", "chat"),
        model("e5", "embedding", "active", 0),
      ]),
    ).toEqual({ chatModel: "warm-chat", embeddingModel: "e5" });
    expect(exampleModels([])).toEqual({
      chatModel: "YOUR_CHAT_MODEL_ID",
      embeddingModel: "YOUR_EMBEDDING_MODEL_ID",
    });
  });
});
