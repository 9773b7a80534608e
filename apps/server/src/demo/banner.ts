import { demoUserEmail } from "./plan.ts";

export interface BannerInfo {
  url: string;
  baseUrl: string;
  customerKey: string;
  orgName: string;
  sites: number;
  nodes: number;
  models: { id: string; kind: string }[];
  dataDir: string;
}

/** What `npm run demo` prints once the fleet serves: everything a newcomer needs, copy-ready. */
export function demoBanner(b: BannerInfo): string {
  const chat = b.models.find((m) => m.kind === "chat")?.id ?? "demo-chat";
  const embed = b.models.find((m) => m.kind === "embedding")?.id ?? "demo-embed";
  const rule = "=".repeat(78);
  const body = JSON.stringify({ model: chat, messages: [{ role: "user", content: "Say hello" }] });
  return `
${rule}
  EDGEPLANE DEMO: a simulated fleet, not a real network. Nothing here is production.
${rule}

  Dashboard   ${b.url}
              sign in as ${demoUserEmail}: choose "Send magic link"; the link and the
              6-digit code are printed below (dev outbox, also at ${b.url}/api/dev/outbox)
  Network     ${b.orgName}: ${b.sites} sites, ${b.nodes} nodes online (simulated GPUs,
              telemetry labelled simulated; answers come from reference upstreams, which
              return deterministic filler text, not a real model)

  Base URL    ${b.baseUrl}
  API key     ${b.customerKey}
  Models      ${b.models.map((m) => `${m.id} (${m.kind})`).join(", ")}

  curl:
    curl -s ${b.baseUrl}/chat/completions \\
      -H "Authorization: Bearer ${b.customerKey}" \\
      -H "Content-Type: application/json" \\
      -d '${body}'

  OpenAI SDK (Node), from this repository's root (openai is installed here):
    node --input-type=module -e '
      import OpenAI from "openai";
      const client = new OpenAI({ baseURL: "${b.baseUrl}", apiKey: "${b.customerKey}" });
      const chat = await client.chat.completions.create({
        model: "${chat}", messages: [{ role: "user", content: "Say hello" }] });
      console.log(chat.choices[0].message.content);
      const emb = await client.embeddings.create({ model: "${embed}", input: "edge" });
      console.log(emb.data[0].embedding.length, "dimensions");'

  Data in ${b.dataDir} (delete it to start over). Ctrl-C stops everything.
${rule}
`;
}
