import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import OpenAI from "openai";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  launchBrowser,
  openPage,
  reportFailure,
  saveScreenshot,
  uniqueEmail,
} from "./support/browser.ts";
import { type Agent, frankfurtTelecomRoom, startAgent } from "./support/fleet.ts";
import { api, expectJson } from "./support/http.ts";
import { type E2eServer, startE2eServer } from "./support/server.ts";
import { onPath, signInWithLink, storedAccessToken } from "./support/sign-in.ts";
import { startUpstreamProcess, type UpstreamProcess } from "./support/upstream.ts";

/*
 * Runbook 07 "Prepare customer API access": an admin reviews /gateway, sets up the access model
 * on /customers/keys (customer with SLA tier, region and residency; a key with a model
 * allow-list and limits), and the customer uses that key with the official OpenAI SDK through
 * a real agent's tunnel to a real (reference) inference server. /usage then shows the calls.
 */

let server: E2eServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let workDir: string;
let upstream: UpstreamProcess | undefined;
const agents: Agent[] = [];

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
  workDir = await mkdtemp(path.join(tmpdir(), "edgeplane-e2e-07-"));
});
afterAll(async () => {
  await Promise.all(agents.map((a) => a.stop()));
  upstream?.child.kill("SIGTERM");
  await browser?.close();
  await server?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

beforeEach(async () => {
  ({ context, page } = await openPage(browser, server.url, { height: 900 }));
});
afterEach(async ({ task }) => {
  await reportFailure(
    task,
    page,
    `server log tail:\n${server.output().slice(-4000)}\n${agents.map((a) => a.output().slice(-1500)).join("\n")}`,
  );
  await context?.close();
});

/** Picks options of a Mantine MultiSelect in `dialog`, typing each first when it is searchable. */
async function pickMany(
  dialog: Locator,
  label: string,
  options: { type?: string; option: string }[],
): Promise<void> {
  const input = dialog.getByLabel(label, { exact: true });
  for (const { type, option } of options) {
    if (type) await input.fill(type);
    else await input.click({ force: true });
    await page.getByRole("option", { name: option }).first().click();
  }
  await page.keyboard.press("Escape");
}

/** A site in Frankfurt with one node whose real agent tunnels to a reference upstream. */
async function frankfurtNode(token: string, orgId: string): Promise<void> {
  const base = `/api/orgs/${orgId}`;
  const site = await expectJson<{ id: string }>(
    api(server.url, `${base}/sites`, token, frankfurtTelecomRoom),
  );
  const node = await expectJson<{ id: string }>(
    api(server.url, `${base}/nodes`, token, {
      siteId: site.id,
      name: "fra-gpu-01",
      externalId: "asset-fra-01",
      acceleratorType: "nvidia-l40s",
      gpuCount: 4,
      powerDrawW: 2400,
      latencyEstimateMs: 12,
    }),
  );
  const issued = await expectJson<{ secret: string }>(
    api(server.url, `${base}/nodes/${node.id}/keys`, token, {}),
  );
  const keyFile = path.join(workDir, "fra-gpu-01.key");
  await writeFile(keyFile, issued.secret, { mode: 0o600 });
  upstream = await startUpstreamProcess([
    "--tokens-per-second",
    "0",
    "--first-token-latency-ms",
    "5",
  ]);
  const args = ["--url", server.url, "--key-file", keyFile, "--upstream", upstream.url];
  agents.push(startAgent("fra-gpu-01", [...args, "--interval", "2s"], workDir));
}

describe("runbook 07 Prepare customer API access", () => {
  it("reviews /gateway, issues a key on /customers/keys, and the customer calls the API with it", async () => {
    // Steps 01–02 as before: a signed-in owner of a new organization.
    const email = uniqueEmail("gateway");
    await signInWithLink(page, server.url, email);
    await page.getByRole("button", { name: "Create organization", exact: true }).click();
    await page.getByRole("textbox", { name: "Organization name", exact: true }).fill("Edge AI Co");
    await page.getByRole("combobox", { name: "Intended use case" }).click();
    await page.getByRole("option", { name: "Pilot network", exact: true }).click();
    await page.getByRole("button", { name: "Create and continue" }).click();
    await onPath(page, "/onboarding/site");
    const token = await storedAccessToken(page);
    const me = (await (await api(server.url, "/api/me", token)).json()) as {
      memberships: { org: { id: string } }[];
    };
    const orgId = me.memberships[0]?.org.id ?? "";
    expect(orgId).not.toBe("");
    await frankfurtNode(token, orgId);

    // /gateway: the endpoints, then the catalogue: one model added through the form.
    await page.goto("/gateway");
    await page.getByRole("heading", { name: "Gateway", exact: true }).waitFor();
    await expect
      .poll(() => page.getByTestId("gateway-base-url").textContent())
      .toContain(`${server.url}/api/v1`);
    await page.getByText("No models in the catalogue yet").waitFor();
    await page.getByRole("link", { name: "Add model" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Add a model to the catalogue" });
    await dialog.getByRole("textbox", { name: "Public model ID" }).fill("llama-3.1-8b");
    await dialog.getByRole("textbox", { name: "Upstream name" }).fill("edgeplane/reference-chat");
    await dialog.getByRole("textbox", { name: "Context length (tokens)" }).fill("32768");
    await dialog.getByRole("textbox", { name: "Input price (USD per 1M tokens)" }).fill("0.05");
    await dialog.getByRole("textbox", { name: "Output price (USD per 1M tokens)" }).fill("0.08");
    await dialog.getByRole("button", { name: "Add model" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expectJson(
      api(server.url, `/api/orgs/${orgId}/models`, token, {
        publicId: "bge-small",
        upstreamName: "edgeplane/reference-embed",
        kind: "embedding",
        contextLength: 512,
        inputPricePerMTok: 0.01,
        outputPricePerMTok: 0,
      }),
    );
    const catalogue = page.getByRole("table", { name: "Model catalogue" });
    const chatRow = catalogue.getByRole("row").filter({ hasText: "llama-3.1-8b" });
    // Available once the agent's first telemetry says its inference server serves it.
    await chatRow.getByText("EU / EEA: 1 node").waitFor({ timeout: 30_000 });
    await catalogue
      .getByRole("row")
      .filter({ hasText: "bge-small" })
      .getByText("EU / EEA: 1 node")
      .waitFor();
    await page.getByRole("table", { name: "SLA tiers" }).waitFor();
    await page.getByRole("table", { name: "Support tiers" }).waitFor();
    await saveScreenshot(page, "07-gateway");

    // /customers/keys: the access model: quota, SLA, region and residency.
    await page.goto("/customers/keys");
    await page.getByText("No customers yet").waitFor();
    await page.getByRole("button", { name: "New customer" }).click();
    const form = page.getByRole("dialog", { name: "New customer" });
    await form.getByRole("textbox", { name: "Customer name" }).fill("Acme Bank");
    await form.getByRole("textbox", { name: "Contact e-mail" }).fill("ops@acme.example");
    await form.getByRole("combobox", { name: "SLA tier" }).click();
    await page.getByRole("option", { name: "Priority" }).click();
    await pickMany(form, "Data residency", [{ type: "Germany", option: "Germany" }]);
    await form.getByRole("button", { name: "Add customer" }).click();
    await form.waitFor({ state: "hidden" });
    const card = page.getByRole("region", { name: "Acme Bank" });
    await card.getByText("99.9 % availability target").waitFor();
    await card.getByText("Germany (DE)").waitFor();

    await card.getByRole("button", { name: "Create key" }).click();
    const keyForm = page.getByRole("dialog", { name: "Create key for Acme Bank" });
    await keyForm.getByRole("textbox", { name: "Key name" }).fill("production");
    await pickMany(keyForm, "Model allow-list", [
      { option: "llama-3.1-8b (chat)" },
      { option: "bge-small (embedding)" },
    ]);
    await keyForm.getByLabel("Requests per minute").fill("600");
    await keyForm.getByLabel("Monthly token budget").fill("5000000");
    await keyForm.getByRole("button", { name: "Issue key" }).click();
    const secretBox = page.getByTestId("customer-key-secret");
    const secret = ((await secretBox.textContent()) ?? "").trim();
    expect(secret).toMatch(/^epk_[1-9A-HJ-NP-Za-km-z]{22,}$/);
    await saveScreenshot(page, "07-customer-key-secret");
    await page.getByRole("button", { name: "I have stored the secret" }).click();
    await card.getByText("600 requests/min").waitFor();
    expect(await page.content()).not.toContain(secret);
    await saveScreenshot(page, "07-customer-keys");

    // The customer: the model list first, then chat and embeddings, with the official SDK.
    const client = new OpenAI({ apiKey: secret, baseURL: `${server.url}/api/v1`, maxRetries: 0 });
    const models = await client.models.list();
    expect(models.data.map((m) => m.id).sort()).toEqual(["bge-small", "llama-3.1-8b"]);
    const answer = await client.chat.completions.create({
      model: "llama-3.1-8b",
      messages: [{ role: "user", content: "Is the Frankfurt node up?" }],
    });
    expect(answer.model).toBe("llama-3.1-8b");
    expect(answer.choices[0]?.message.content?.length).toBeGreaterThan(0);
    let streamed = "";
    const stream = await client.chat.completions.create({
      model: "llama-3.1-8b",
      messages: [{ role: "user", content: "Stream it" }],
      stream: true,
    });
    for await (const chunk of stream) streamed += chunk.choices[0]?.delta.content ?? "";
    expect(streamed.length).toBeGreaterThan(0);
    const vectors = await client.embeddings.create({ model: "bge-small", input: ["a", "b"] });
    expect(vectors.data).toHaveLength(2);
    // Limits arrive as the SDK's typed errors: a model outside the allow-list is not found.
    const refused = await client.chat.completions
      .create({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpenAI.NotFoundError);

    // /usage: the three answered calls (and the refused one as an error) per key and model.
    // Usage is written in batches off the request path: once it has landed, /usage shows it.
    await expect
      .poll(async () => {
        const res = await api(server.url, `/api/orgs/${orgId}/usage/summary`, token);
        return ((await res.json()) as { requests: number }).requests;
      })
      .toBeGreaterThanOrEqual(3);
    await page.goto("/usage");
    await expect
      .poll(() => page.getByTestId("usage-tile-requests").textContent())
      .toMatch(/^Requests3\D/);
    await page
      .getByRole("table", { name: "Usage by day" })
      .getByText("llama-3.1-8b")
      .first()
      .waitFor();
    // A small cost ($0.0000…) fits its tile, and counts get whole-number ticks (no 0.8 request).
    const cost = page.getByTestId("usage-tile-cost").locator("p").nth(1);
    expect(await cost.textContent()).toMatch(/^\$0\.0/);
    expect(await cost.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    const tick = page.locator("[class*=yAxis] text.recharts-cartesian-axis-tick-value");
    await tick.first().waitFor();
    const ticks = await tick.allTextContents();
    expect(ticks.filter((t) => t.includes("."))).toEqual([]);
    await saveScreenshot(page, "07-usage");

    // Rotation on /customers/keys: the replacement keeps the key's expiry unless told
    // otherwise, its secret is shown once, and the old key works through the grace period.
    await page.goto("/customers/keys");
    await card.getByRole("button", { name: /^Rotate key epk_/ }).click();
    const rotateForm = page.getByRole("dialog", { name: "Rotate customer key" });
    expect(await rotateForm.getByRole("combobox", { name: "New key expires" }).inputValue()).toBe(
      "Same as the current key",
    );
    await saveScreenshot(page, "07-customer-key-rotate");
    await rotateForm.getByRole("button", { name: "Rotate key" }).click();
    const rotatedSecret = ((await secretBox.textContent()) ?? "").trim();
    expect(rotatedSecret).toMatch(/^epk_[1-9A-HJ-NP-Za-km-z]{22,}$/);
    expect(rotatedSecret).not.toBe(secret);
    await saveScreenshot(page, "07-customer-key-rotated");
    await page.getByRole("button", { name: "I have stored the secret" }).click();
    const rotated = new OpenAI({
      apiKey: rotatedSecret,
      baseURL: `${server.url}/api/v1`,
      maxRetries: 0,
    });
    expect((await rotated.models.list()).data).toHaveLength(2);
    expect((await client.models.list()).data).toHaveLength(2);
  }, 180_000);
});
