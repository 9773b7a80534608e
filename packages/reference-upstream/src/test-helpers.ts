/* Shared by the reference upstream's tests: each test gets its own server, closed after it. */
import OpenAI from "openai";
import { afterEach } from "vitest";
import { completionFor, promptText } from "./generate.ts";
import type { ReferenceUpstreamOptions } from "./options.ts";
import { type ReferenceUpstream, startReferenceUpstream } from "./server.ts";

export const chatModel = "edgeplane/reference-chat";
export const embedModel = "edgeplane/reference-embed";
export const messages = [
  { role: "system" as const, content: "You are terse." },
  { role: "user" as const, content: "Which rack is warmest?" },
];
export const expected = (maxTokens?: number) =>
  completionFor(chatModel, promptText(messages), { maxTokens });

const open: ReferenceUpstream[] = [];
afterEach(async () => {
  for (const u of open.splice(0)) await u.close();
});

export async function upstream(options: ReferenceUpstreamOptions = {}) {
  const u = await startReferenceUpstream(options);
  open.push(u);
  return {
    u,
    client: new OpenAI({ baseURL: u.url, apiKey: options.apiKey ?? "unused", maxRetries: 0 }),
  };
}

export async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

export const metric = (text: string, name: string, labels: string) =>
  Number(
    new RegExp(`^${name.replace(/[:]/g, "\\:")}\\{${labels}\\} (\\S+)$`, "m").exec(text)?.[1] ??
      Number.NaN,
  );
