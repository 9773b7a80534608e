import { describe, expect, it } from "vitest";
import type { CatalogueModel } from "../../api/customers.ts";
import {
  curlSnippet,
  exampleModel,
  gatewayBaseUrl,
  nodeSnippet,
  pythonSnippet,
} from "./snippets.ts";

const catalogue: CatalogueModel[] = [
  { id: "mdl_1", publicId: "embed-small", kind: "embedding", status: "active" },
  { id: "mdl_2", publicId: "llama-3.1-8b", kind: "chat", status: "active" },
  { id: "mdl_3", publicId: "qwen-7b", kind: "chat", status: "active" },
];

describe("gateway snippets", () => {
  it("point at this server's /api/v1", () => {
    expect(gatewayBaseUrl("https://edge.example/")).toBe("https://edge.example/api/v1");
  });

  it("use a chat model the key may call, or a placeholder", () => {
    expect(exampleModel(null, catalogue)).toBe("llama-3.1-8b");
    expect(exampleModel(["embed-small", "qwen-7b"], catalogue)).toBe("qwen-7b");
    expect(exampleModel(["embed-small"], catalogue)).toBe("embed-small");
    expect(exampleModel(null, [])).toBe("MODEL_ID");
  });

  it("list the models first, then chat, with the secret as bearer token", () => {
    const curl = curlSnippet("http://h/api/v1", "epk_abc", "llama-3.1-8b");
    expect(curl.indexOf("/models")).toBeLessThan(curl.indexOf("/chat/completions"));
    expect(curl).toContain('-H "Authorization: Bearer epk_abc"');
    const body = curl.split("-d '")[1]?.replace(/'$/, "") ?? "";
    expect(JSON.parse(body)).toEqual({
      model: "llama-3.1-8b",
      messages: [{ role: "user", content: "Hello" }],
    });
    expect(pythonSnippet("http://h/api/v1", "epk_abc", "m")).toContain(
      'OpenAI(base_url="http://h/api/v1", api_key="epk_abc")',
    );
    expect(nodeSnippet("http://h/api/v1", "epk_abc", "m")).toContain(
      'new OpenAI({ baseURL: "http://h/api/v1", apiKey: "epk_abc" })',
    );
  });
});
