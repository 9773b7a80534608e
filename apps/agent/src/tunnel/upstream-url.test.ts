import { describe, expect, it } from "vitest";
import { requestHeaders, responseHeaders } from "./headers.ts";
import { upstreamUrl } from "./upstream-url.ts";

const base = "http://127.0.0.1:8000/v1";

describe("upstreamUrl", () => {
  it("joins a path under the upstream base, query included", () => {
    expect(upstreamUrl(base, "/chat/completions")?.href).toBe(
      "http://127.0.0.1:8000/v1/chat/completions",
    );
    expect(upstreamUrl(`${base}/`, "/models?x=1")?.href).toBe(
      "http://127.0.0.1:8000/v1/models?x=1",
    );
    expect(upstreamUrl("http://gpu:8080", "/v1/embeddings")?.href).toBe(
      "http://gpu:8080/v1/embeddings",
    );
  });

  it("refuses anything that could reach another address or leave the base path", () => {
    for (const path of [
      "http://169.254.169.254/latest/meta-data",
      "//evil.example/v1",
      "chat/completions",
      "/../metrics",
      "/models/../../health",
      "/%2e%2e/health",
      "/%2E%2e/health",
      "/.%2e/health",
      "/./models",
      "/a%2fb",
      "/a%5cb",
      "/a\\b",
      "/\\evil.example",
      "/a#frag",
      "/a b",
      "/a\tb",
      "/%zz",
      "",
    ]) {
      expect(upstreamUrl(base, path), JSON.stringify(path)).toBeNull();
    }
  });
});

describe("upstream headers", () => {
  it("sends the agent's own upstream key, never a caller's credentials", () => {
    const head = {
      method: "POST",
      path: "/chat/completions",
      headers: {
        authorization: "Bearer sk-customer",
        cookie: "a=b",
        host: "evil.example",
        connection: "close",
        "content-type": "application/json",
        "x-request-id": "req_1",
      },
      contentLength: 12,
    };
    expect(requestHeaders(head, true, "vllm-key")).toEqual({
      authorization: "Bearer vllm-key",
      "accept-encoding": "identity",
      "content-length": "12",
      "content-type": "application/json",
      "user-agent": expect.stringMatching(/^edgeplane-agent\//),
      "x-request-id": "req_1",
    });
    expect(requestHeaders(head, false, null)).not.toHaveProperty("authorization");
    expect(requestHeaders(head, false, null)).not.toHaveProperty("content-length");
  });

  it("drops hop-by-hop response headers and the encoding the agent already undid", () => {
    const plain = {
      "content-type": "application/json",
      "content-length": "10",
      "keep-alive": "timeout=5",
      "set-cookie": ["a=1", "b=2"],
    };
    expect(responseHeaders(plain, false)).toEqual({
      "content-type": "application/json",
      "content-length": "10",
      "set-cookie": "a=1, b=2",
    });
    const gz = { "content-encoding": "gzip", "content-length": "10", vary: "x" };
    expect(responseHeaders(gz, true)).toEqual({ vary: "x" });
    expect(responseHeaders(gz, false)).toEqual(gz);
  });
});
