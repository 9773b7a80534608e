/* Copy-paste requests for the gateway, built from the page's origin and the org's catalogue. */

export const apiKeyVariable = "EDGEPLANE_API_KEY";

export const exampleLanguages = [
  { value: "curl", label: "curl" },
  { value: "node", label: "Node.js (openai)" },
  { value: "python", label: "Python (openai)" },
] as const;
export type ExampleLanguage = (typeof exampleLanguages)[number]["value"];

export const exampleRequests = [
  { value: "models", label: "List models" },
  { value: "chat", label: "Chat" },
  { value: "stream", label: "Chat, streamed" },
  { value: "embeddings", label: "Embeddings" },
] as const;
export type ExampleRequest = (typeof exampleRequests)[number]["value"];

export interface ExampleContext {
  /** e.g. https://edge.example.com/api/v1 */
  baseUrl: string;
  chatModel: string;
  embeddingModel: string;
}

/** The gateway's base URL as customers use it: this server's origin + /api/v1. */
export function gatewayBaseUrl(origin: string): string {
  return `${origin.replace(/\/+$/, "")}/api/v1`;
}

/** The model ids the examples use: the first active ones of each kind, else a placeholder. */
export function exampleModels(
  models: readonly { publicId: string; kind: string; status: string; availability: unknown[] }[],
): { chatModel: string; embeddingModel: string } {
  const pick = (kind: string) => {
    const active = models.filter((m) => m.kind === kind && m.status === "active");
    return (active.find((m) => m.availability.length > 0) ?? active[0])?.publicId;
  };
  return {
    chatModel: pick("chat") ?? "YOUR_CHAT_MODEL_ID",
    embeddingModel: pick("embedding") ?? "YOUR_EMBEDDING_MODEL_ID",
  };
}

const json = (v: unknown) => JSON.stringify(v);
/** Single quotes around a JSON body for a POSIX shell (a quote inside is closed and escaped). */
const shellQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

function curl(req: ExampleRequest, ctx: ExampleContext): string {
  const auth = `  -H "Authorization: Bearer $${apiKeyVariable}"`;
  const post = (path: string, body: unknown, flags = "") =>
    [
      `curl${flags} ${ctx.baseUrl}${path} \\`,
      `${auth} \\`,
      `  -H "Content-Type: application/json" \\`,
      `  -d ${shellQuote(json(body))}`,
    ].join("\n");
  const messages = [{ role: "user", content: "Say hello in one sentence." }];
  switch (req) {
    case "models":
      return [`curl -i ${ctx.baseUrl}/models \\`, auth].join("\n");
    case "chat":
      return post("/chat/completions", { model: ctx.chatModel, messages });
    case "stream":
      return post(
        "/chat/completions",
        {
          model: ctx.chatModel,
          messages,
          stream: true,
          stream_options: { include_usage: true },
        },
        " -N",
      );
    case "embeddings":
      return post("/embeddings", {
        model: ctx.embeddingModel,
        input: ["The first text", "The second text"],
      });
  }
}

function node(req: ExampleRequest, ctx: ExampleContext): string {
  const head = [
    "// npm install openai",
    'import OpenAI from "openai";',
    "",
    "const client = new OpenAI({",
    `  baseURL: ${json(ctx.baseUrl)},`,
    `  apiKey: process.env.${apiKeyVariable}, // a customer key: epk_…`,
    "});",
    "",
  ];
  const messages = `messages: [{ role: "user", content: "Say hello in one sentence." }]`;
  const body: Record<ExampleRequest, string[]> = {
    models: [
      "const models = await client.models.list();",
      "for (const model of models.data) console.log(model.id);",
    ],
    chat: [
      "const completion = await client.chat.completions.create({",
      `  model: ${json(ctx.chatModel)},`,
      `  ${messages},`,
      "});",
      "console.log(completion.choices[0]?.message.content);",
    ],
    stream: [
      "const stream = await client.chat.completions.create({",
      `  model: ${json(ctx.chatModel)},`,
      `  ${messages},`,
      "  stream: true,",
      "  stream_options: { include_usage: true },",
      "});",
      "for await (const chunk of stream) {",
      '  process.stdout.write(chunk.choices[0]?.delta?.content ?? "");',
      '  if (chunk.usage) console.log("\\n" + chunk.usage.total_tokens + " tokens");',
      "}",
    ],
    embeddings: [
      "const result = await client.embeddings.create({",
      `  model: ${json(ctx.embeddingModel)},`,
      '  input: ["The first text", "The second text"],',
      "});",
      "console.log(result.data.map((d) => d.embedding.length));",
    ],
  };
  return [...head, ...body[req]].join("\n");
}

function python(req: ExampleRequest, ctx: ExampleContext): string {
  const head = [
    "# pip install openai",
    "import os",
    "from openai import OpenAI",
    "",
    "client = OpenAI(",
    `    base_url=${json(ctx.baseUrl)},`,
    `    api_key=os.environ[${json(apiKeyVariable)}],  # a customer key: epk_…`,
    ")",
    "",
  ];
  const messages = `messages=[{"role": "user", "content": "Say hello in one sentence."}]`;
  const body: Record<ExampleRequest, string[]> = {
    models: ["for model in client.models.list():", "    print(model.id)"],
    chat: [
      "completion = client.chat.completions.create(",
      `    model=${json(ctx.chatModel)},`,
      `    ${messages},`,
      ")",
      "print(completion.choices[0].message.content)",
    ],
    stream: [
      "stream = client.chat.completions.create(",
      `    model=${json(ctx.chatModel)},`,
      `    ${messages},`,
      "    stream=True,",
      '    stream_options={"include_usage": True},',
      ")",
      "for chunk in stream:",
      "    if chunk.choices:",
      '        print(chunk.choices[0].delta.content or "", end="", flush=True)',
      "    if chunk.usage:",
      '        print(f"\\n{chunk.usage.total_tokens} tokens")',
    ],
    embeddings: [
      "result = client.embeddings.create(",
      `    model=${json(ctx.embeddingModel)},`,
      '    input=["The first text", "The second text"],',
      ")",
      "print([len(d.embedding) for d in result.data])",
    ],
  };
  return [...head, ...body[req]].join("\n");
}

/** One request in one language, ready to paste once the key variable is exported. */
export function example(lang: ExampleLanguage, req: ExampleRequest, ctx: ExampleContext): string {
  if (lang === "curl") return curl(req, ctx);
  if (lang === "node") return node(req, ctx);
  return python(req, ctx);
}

/** The shell line that sets the key the examples read. */
export function exportKeyLine(): string {
  return `export ${apiKeyVariable}="epk_…"`;
}
