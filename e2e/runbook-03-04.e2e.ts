import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  launchBrowser,
  openPage,
  reportFailure,
  saveScreenshot,
  uniqueEmail,
} from "./support/browser.ts";
import { api, expectJson, getMe } from "./support/http.ts";
import { type E2eServer, startE2eServer } from "./support/server.ts";
import { onPath, signInWithLink, storedAccessToken } from "./support/sign-in.ts";

let server: E2eServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startE2eServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  ({ context, page } = await openPage(browser, server.url, { clipboard: true }));
});
afterEach(async ({ task }) => {
  await reportFailure(task, page, `server log tail:\n${server.output().slice(-4000)}`);
  await context?.close();
});

/** Runbook 01 and 02 through the UI: a signed-in owner of a new organization. */
async function signInWithNewOrg(label: string): Promise<string> {
  const email = uniqueEmail(label);
  await signInWithLink(page, server.url, email);
  await page.getByRole("button", { name: "Create organization", exact: true }).click();
  const orgName = `Edge Pilot ${Date.now().toString(36)}`;
  await page.getByRole("textbox", { name: "Organization name", exact: true }).fill(orgName);
  await page.getByRole("combobox", { name: "Intended use case" }).click();
  await page.getByRole("option", { name: "Pilot network", exact: true }).click();
  await page.getByRole("button", { name: "Create and continue" }).click();
  await onPath(page, "/onboarding/site");
  return orgName;
}

/** Picks an option of a Mantine Select or Autocomplete by typing and clicking it. */
async function choose(label: string, typed: string, option: string | RegExp): Promise<void> {
  const input = page.getByRole("combobox", { name: label, exact: true });
  await input.click();
  if (typed) await input.fill(typed);
  await page.getByRole("option", { name: option }).first().click();
}

async function inputValue(label: string): Promise<string> {
  return page.getByLabel(label, { exact: true }).inputValue();
}

/** GET /api/agent/v1/whoami with a node key: the agent's view of it. */
function whoami(secret: string): Promise<Response> {
  return fetch(`${server.url}/api/agent/v1/whoami`, {
    headers: { authorization: `Bearer ${secret}` },
  });
}

/** Every place the page keeps text a user could see or a script could read. */
async function everythingOnPage(): Promise<string> {
  const html = await page.content();
  const storage = await page.evaluate(() =>
    JSON.stringify([{ ...localStorage }, { ...sessionStorage }]),
  );
  return `${html}\n${storage}`;
}

describe("runbook 03 Add the first site and 04 Register the first node", () => {
  it("adds a site, registers a node on it, shows its key once and lists node and prefix", async () => {
    await signInWithNewOrg("fleet");

    // Before step 03 the lists say what to do next.
    await page.goto("/sites");
    await page.getByText("No sites yet").waitFor();
    await page.getByRole("link", { name: "Add your first site" }).waitFor();
    await saveScreenshot(page, "03-sites-empty");

    // 03: open /onboarding/site; the contracts' rules check the form before it is sent.
    await page.goto("/onboarding/site");
    await page.getByRole("heading", { name: "Add the first site" }).waitFor();
    await page.getByRole("button", { name: "Add site" }).click();
    await page.getByText("Enter the power capacity in kW").waitFor();
    await page.getByText("Choose the country").waitFor();
    await saveScreenshot(page, "03-add-site-validation");

    // 03: site name, city, country, power capacity, site type and connectivity tier.
    const siteName = `Nairobi West Telecom Room ${Date.now().toString(36)}`;
    await page.getByRole("textbox", { name: "Site name", exact: true }).fill(siteName);
    await page.getByRole("textbox", { name: "City", exact: true }).fill("Nairobi");
    await choose("Country", "Kenya", "Kenya");
    expect(await inputValue("Region")).toBe("Africa");
    await page.getByRole("textbox", { name: "Power capacity (kW)", exact: true }).fill("40");
    await page.getByRole("combobox", { name: "Site type" }).click();
    // Commercial sites first, as the runbook lists them; "Other" last.
    const types = await page.getByRole("option").allTextContents();
    expect(types).toEqual([
      "Telecom room",
      "University",
      "Bank",
      "Hospital",
      "Industrial park",
      "Edge room",
      "Other",
    ]);
    await page.getByRole("option", { name: "Telecom room" }).click();
    await page.getByRole("combobox", { name: "Connectivity tier" }).click();
    await page.getByRole("option", { name: /Tier 2/ }).waitFor();
    await saveScreenshot(page, "03-connectivity-tiers");
    await page.getByRole("option", { name: /Tier 2/ }).click();
    await saveScreenshot(page, "03-add-site");
    await page.getByRole("button", { name: "Add site" }).click();

    // 03 evidence: the site is available for node registration, preselected.
    await onPath(page, "/onboarding/node");
    await page.getByRole("heading", { name: "Register the first node" }).waitFor();
    const sitePicker = page.getByRole("combobox", { name: "Site", exact: true });
    await expect.poll(() => sitePicker.inputValue()).toContain(siteName);
    await sitePicker.click();
    await page.getByRole("option", { name: new RegExp(siteName) }).waitFor();
    await saveScreenshot(page, "03-site-in-node-setup");
    await page.keyboard.press("Escape");

    // 04: node name, external ID, accelerator type, GPU count, power draw, latency estimate.
    const nodeName = "gpu-node-01";
    const externalId = `asset-${Date.now().toString(36)}`;
    await page.getByRole("textbox", { name: "Node name", exact: true }).fill(nodeName);
    await page.getByRole("textbox", { name: "External ID", exact: true }).fill(externalId);
    await page.getByRole("textbox", { name: "GPU count", exact: true }).fill("4");
    await choose("Accelerator type", "L40S", "NVIDIA L40S");
    // Picking a catalogue accelerator fills a suggested draw and says how it was estimated.
    await expect.poll(() => inputValue("Power draw (W)")).toBe("1,960");
    await page.getByText(/Estimated: 350 W board power × 4 GPUs × 1\.4/).waitFor();
    await saveScreenshot(page, "04-power-suggestion");
    await page.getByRole("textbox", { name: "Power draw (W)", exact: true }).fill("2400");
    await page.getByRole("textbox", { name: "Latency estimate (ms)", exact: true }).fill("18");
    await saveScreenshot(page, "04-register-node");
    await page.getByRole("button", { name: "Register node" }).click();

    // 04: generate the node API key; the secret is shown once, with the agent config.
    await page.getByRole("heading", { name: `Node ${nodeName} is registered` }).waitFor();
    const nodeId = new URL(page.url()).searchParams.get("node") ?? "";
    expect(nodeId).toMatch(/^node_/);
    await page.getByRole("button", { name: "Generate node API key" }).click();
    const secretBlock = page.getByTestId("node-key-secret");
    await secretBlock.waitFor();
    const secret = (await secretBlock.textContent())?.trim() ?? "";
    const start = (await page.getByTestId("node-key-start").textContent())?.trim() ?? "";
    expect(secret).toMatch(/^epn_[1-9A-HJ-NP-Za-km-z]{16,64}$/);
    expect(start.length).toBeGreaterThan(4);
    expect(secret.startsWith(start)).toBe(true);
    expect(secret.length).toBeGreaterThan(start.length);
    await page.getByText("Copy the secret now: it will not be shown again").waitFor();
    await page.getByText(/stores only a secure hash of it and its prefix/).waitFor();
    const origin = new URL(server.url).origin;
    await page
      .getByText(`edgeplane-agent --url ${origin} --key-file /etc/edgeplane/node.key`)
      .waitFor();
    await page.getByText(`EDGEPLANE_NODE_KEY=${secret}`).waitFor();
    // Copy the secret immediately: the button puts exactly the secret on the clipboard.
    await page.getByRole("button", { name: "Copy secret" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    // A full-page shot of a scrolled page draws the fixed header mid-page.
    await page.evaluate(() => window.scrollTo(0, 0));
    await saveScreenshot(page, "04-node-key-secret");
    const keyStepUrl = page.url();
    await page.getByRole("button", { name: "I have stored the secret" }).click();

    // 04 evidence: the node appears under /nodes.
    await onPath(page, "/nodes");
    const nodeRow = page.getByRole("row").filter({ hasText: externalId });
    await nodeRow.getByRole("link", { name: nodeName }).waitFor();
    await nodeRow.getByText(siteName).waitFor();
    await nodeRow.getByText("NVIDIA L40S").waitFor();
    await nodeRow.getByText("2,400 W").waitFor();
    await nodeRow.getByText("18 ms").waitFor();
    await nodeRow.getByText("Pending").waitFor();
    await nodeRow.getByText("never").waitFor();
    await saveScreenshot(page, "04-nodes");

    // 04 evidence: the key prefix appears under /nodes/keys, the secret nowhere.
    await page.goto("/nodes/keys");
    await page.getByRole("heading", { name: "Node keys" }).waitFor();
    const keyRow = page.getByRole("row").filter({ hasText: start });
    await keyRow.getByRole("link", { name: nodeName }).waitFor();
    await keyRow.getByText("Active").waitFor();
    expect(await everythingOnPage()).not.toContain(secret);
    await saveScreenshot(page, "04-node-keys");

    // A reload of the key step resumes there without the secret.
    await page.goto(keyStepUrl);
    await page.reload();
    await page.getByText("This node already has a key").waitFor();
    await page.getByRole("button", { name: "Generate node API key" }).waitFor();
    expect(await everythingOnPage()).not.toContain(secret);
    await page.goto("/onboarding/node");
    await page.getByRole("button", { name: "Register node" }).waitFor();
    expect(await everythingOnPage()).not.toContain(secret);

    // The node agent can use the secret.
    const agent = await whoami(secret);
    expect(agent.status).toBe(200);
    expect(await agent.json()).toMatchObject({ nodeId });

    // The site's page: headroom, its node, and a delete the server refuses (409).
    await page.goto("/sites");
    await page.getByRole("link", { name: siteName }).click();
    await page.getByRole("heading", { name: siteName }).waitFor();
    await page.getByText("2.4 kW").first().waitFor();
    await page.getByText("37.6 kW headroom").waitFor();
    await page.getByRole("link", { name: nodeName }).waitFor();
    await saveScreenshot(page, "03-site-detail");
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await page.getByRole("button", { name: "Delete site" }).click();
    await page
      .getByRole("dialog")
      .getByText("The site has 1 node: move or delete them, or retire the site instead")
      .waitFor();
    await saveScreenshot(page, "03-site-delete-refused");
    await page.getByRole("button", { name: "Cancel" }).click();

    // The node's page, and the same pages in dark mode.
    await page.getByRole("link", { name: nodeName }).click();
    await page.getByRole("heading", { name: nodeName }).waitFor();
    await page.getByRole("row").filter({ hasText: start }).waitFor();
    await saveScreenshot(page, "04-node-detail");
    await page.emulateMedia({ colorScheme: "dark" });
    await saveScreenshot(page, "04-node-detail-dark");
    await page.goto("/sites");
    await page.getByRole("link", { name: siteName }).waitFor();
    await saveScreenshot(page, "03-sites-dark");
    await page.goto("/onboarding/node");
    await page.getByRole("button", { name: "Register node" }).waitFor();
    await saveScreenshot(page, "04-register-node-dark");
  });

  it("generates a key on the node's page, rotates it with a grace period and revokes it", async () => {
    await signInWithNewOrg("keys");
    const token = await storedAccessToken(page);
    const me = (await (await getMe(server.url, token)).json()) as {
      memberships: { org: { id: string } }[];
    };
    const base = `/api/orgs/${me.memberships[0]?.org.id}`;
    const site = await expectJson<{ id: string }>(
      api(server.url, `${base}/sites`, token, {
        name: "Lyon Hospital Edge Room",
        city: "Lyon",
        country: "FR",
        powerCapacityKw: 12,
        siteType: "hospital",
        connectivityTier: "tier_3",
      }),
    );
    const node = await expectJson<{ id: string; capacityWarning: string | null }>(
      api(server.url, `${base}/nodes`, token, {
        siteId: site.id,
        name: "lyon-h100",
        externalId: `lyon-${Date.now().toString(36)}`,
        acceleratorType: "nvidia-h100-sxm",
        gpuCount: 8,
      }),
    );
    // 8 × 700 W × 1.4 = 7.84 kW of 12 kW: no warning yet.
    expect(node.capacityWarning).toBeNull();

    // Generate key on the node's page: the secret once, in a modal.
    await page.goto(`/nodes/${node.id}`);
    await page.getByRole("heading", { name: "lyon-h100" }).waitFor();
    await page.getByText("No keys yet. Generate one for the node agent.").waitFor();
    await page.getByRole("button", { name: "Generate key" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("textbox", { name: "Key name", exact: true }).fill("primary");
    await dialog.getByRole("button", { name: "Generate key" }).click();
    const first = ((await dialog.getByTestId("node-key-secret").textContent()) ?? "").trim();
    const firstStart = ((await dialog.getByTestId("node-key-start").textContent()) ?? "").trim();
    expect(first.startsWith(firstStart)).toBe(true);
    await saveScreenshot(page, "04-generate-key-modal");
    await dialog.getByRole("button", { name: "I have stored the secret" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(await everythingOnPage()).not.toContain(first);
    expect((await whoami(first)).status).toBe(200);

    // Rotate on /nodes/keys: the default grace period is 24 h; the old key keeps working.
    await page.goto("/nodes/keys");
    await page.getByRole("button", { name: `Rotate key ${firstStart}` }).click();
    const grace = dialog.getByRole("textbox", { name: "Grace period (hours)", exact: true });
    expect(await grace.inputValue()).toBe("24");
    await grace.fill("2");
    await saveScreenshot(page, "04-rotate-key");
    await dialog.getByRole("button", { name: "Rotate key" }).click();
    const second = ((await dialog.getByTestId("node-key-secret").textContent()) ?? "").trim();
    const secondStart = ((await dialog.getByTestId("node-key-start").textContent()) ?? "").trim();
    expect(second).not.toBe(first);
    await dialog.getByText(/stops working in 2 hours/).waitFor();
    await dialog.getByRole("button", { name: "I have stored the secret" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect((await whoami(first)).status).toBe(200);
    expect((await whoami(second)).status).toBe(200);

    // Revoke the new key behind a confirmation; the agent is refused.
    await page.getByRole("button", { name: `Revoke key ${secondStart}` }).click();
    await dialog.getByText("This cannot be undone").waitFor();
    await saveScreenshot(page, "04-revoke-key-confirm");
    await dialog.getByRole("button", { name: "Revoke key" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page
      .getByRole("row")
      .filter({ hasText: secondStart })
      .getByText("Revoked", { exact: true })
      .waitFor();
    await expect.poll(async () => (await whoami(second)).status, { timeout: 5_000 }).toBe(401);

    // The state filter narrows the list; no secret is anywhere on it.
    await page.getByRole("combobox", { name: "State", exact: true }).click();
    await page.getByRole("option", { name: "Revoked" }).click();
    await expect.poll(() => page.getByRole("row").count()).toBe(2);
    await page.getByRole("row").filter({ hasText: secondStart }).waitFor();
    expect(await everythingOnPage()).not.toContain(second);
    await saveScreenshot(page, "04-node-keys-revoked-filter");
  });
});
