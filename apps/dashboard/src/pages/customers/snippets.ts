import type { CatalogueModel } from "../../api/customers.ts";

/* Ready-to-run calls for a new customer key: list the models first (runbook 07), then chat. */

export function gatewayBaseUrl(origin: string): string {
  return `${origin.replace(/\/+$/, "")}/api/v1`;
}

/** A chat model the key may call for the example; a placeholder when none is known. */
export function exampleModel(
  allowed: readonly string[] | null,
  catalogue: readonly CatalogueModel[],
) {
  const permitted = (m: CatalogueModel) => allowed === null || allowed.includes(m.publicId);
  const chat = catalogue.find((m) => m.kind === "chat" && m.status === "active" && permitted(m));
  return chat?.publicId ?? allowed?.[0] ?? "MODEL_ID";
}

export function curlSnippet(baseUrl: string, secret: string, model: string): string {
  const body = JSON.stringify({ model, messages: [{ role: "user", content: "Hello" }] });
  return [
    "# The models this key may call",
    `curl ${baseUrl}/models \\`,
    `  -H "Authorization: Bearer ${secret}"`,
    "",
    "# A chat completion",
    `curl ${baseUrl}/chat/completions \\`,
    `  -H "Authorization: Bearer ${secret}" \\`,
    '  -H "Content-Type: application/json" \\',
    `  -d '${body}'`,
  ].join("\n");
}

export function pythonSnippet(baseUrl: string, secret: string, model: string): string {
  return [
    "from openai import OpenAI",
    "",
    `client = OpenAI(base_url="${baseUrl}", api_key="${secret}")`,
    "",
    "print([m.id for m in client.models.list()])",
    "reply = client.chat.completions.create(",
    `    model="${model}",`,
    '    messages=[{"role": "user", "content": "Hello"}],',
    ")",
    "print(reply.choices[0].message.content)",
  ].join("\n");
}

export function nodeSnippet(baseUrl: string, secret: string, model: string): string {
  return [
    'import OpenAI from "openai";',
    "",
    `const client = new OpenAI({ baseURL: "${baseUrl}", apiKey: "${secret}" });`,
    "",
    "for await (const m of client.models.list()) console.log(m.id);",
    "const reply = await client.chat.completions.create({",
    `  model: "${model}",`,
    '  messages: [{ role: "user", content: "Hello" }],',
    "});",
    "console.log(reply.choices[0].message.content);",
  ].join("\n");
}
