import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  launchBrowser,
  openPage,
  reportFailure,
  saveScreenshot,
  uniqueEmail,
} from "./support/browser.ts";
import { getMe } from "./support/http.ts";
import { type E2eServer, startE2eServer } from "./support/server.ts";
import {
  expectSignedIn,
  header,
  onPath,
  requestSignInMail,
  sessionKey,
  shownText,
  signInWithLink,
  storedAccessToken,
  supabaseKeys,
  writeStaleSession,
} from "./support/sign-in.ts";

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
  ({ context, page } = await openPage(browser, server.url));
});
afterEach(async ({ task }) => {
  await reportFailure(task, page, `server log tail:\n${server.output().slice(-4000)}`);
  await context?.close();
});

describe("runbook 01 Sign in and 02 Create the organization", () => {
  it("signs in with a magic link, creates the organization, proceeds to site setup and signs out", async () => {
    const email = uniqueEmail("owner");

    // 01: open /login; Google and GitHub are offered but this server has no credentials.
    await page.goto("/login");
    await page.getByRole("heading", { name: "Sign in to Edgeplane" }).waitFor();
    for (const provider of ["Google", "GitHub"]) {
      const button = page.getByRole("button", { name: `Continue with ${provider}` });
      await button.waitFor();
      expect(await button.isDisabled(), `${provider} button disabled`).toBe(true);
    }
    await page.getByText("Not configured on this server").first().waitFor();
    await saveScreenshot(page, "01-login");

    // 01: choose the magic link, opened in the same browser (PKCE).
    const mail = await requestSignInMail(page, server.url, email);
    await saveScreenshot(page, "01-login-check-inbox");
    expect(mail.link).toBeTruthy();
    await page.goto(mail.link ?? "");

    // 01 evidence: the header shows the e-mail and Sign out; a user without an org onboards.
    await onPath(page, "/onboarding");
    await expectSignedIn(page, email);
    const switcher = header(page).getByLabel("Switch organization");
    await switcher.waitFor();

    // 02: open /onboarding, choose Create organization, enter name and intended use case.
    await page.getByRole("heading", { name: "Set up your organization" }).waitFor();
    await saveScreenshot(page, "02-onboarding");
    await page.getByRole("button", { name: "Create organization", exact: true }).click();
    const orgName = `Nairobi Pilot ${Date.now().toString(36)}`;
    await page.getByRole("textbox", { name: "Organization name" }).fill(orgName);
    await page.getByRole("combobox", { name: "Intended use case" }).click();
    await page.getByRole("option", { name: "Pilot network", exact: true }).click();
    await saveScreenshot(page, "02-create-organization");
    await page.getByRole("button", { name: "Create and continue" }).click();

    // 02 evidence: onboarding proceeds to site setup and the switcher shows the org.
    await onPath(page, "/onboarding/site");
    await page.getByRole("heading", { name: "Add the first site" }).waitFor();
    await expect.poll(() => shownText(switcher), { timeout: 10_000 }).toContain(orgName);
    await saveScreenshot(page, "02-site-setup");
    // Let a confirmation toast leave so the header evidence shows the e-mail and Sign out.
    await page.getByRole("alert").filter({ hasText: orgName }).waitFor({ state: "hidden" });
    await switcher.click();
    await page
      .getByRole("option", { name: orgName })
      .or(page.getByRole("menuitem", { name: orgName }))
      .first()
      .waitFor();
    await saveScreenshot(page, "02-header-switcher");
    await page.keyboard.press("Escape");

    // Sign out ends the session on the server, not only in this browser.
    const token = await storedAccessToken(page);
    expect((await getMe(server.url, token)).status).toBe(200);
    await header(page).getByRole("button", { name: "Sign out", exact: true }).click();
    await onPath(page, "/login");
    await page.getByRole("heading", { name: "Sign in to Edgeplane" }).waitFor();
    const after = await getMe(server.url, token);
    expect(after.status).toBe(401);
    expect((await after.json()).code).toBe("unauthorized");
  });

  it("signs in with the 6-digit code (sign-in on another device)", async () => {
    const email = uniqueEmail("operator");
    await page.goto("/login");
    const mail = await requestSignInMail(page, server.url, email);
    expect(mail.code).toMatch(/^\d{6}$/);
    await page.getByLabel("6-digit code").fill(mail.code ?? "");
    await page.getByRole("button", { name: "Verify code" }).click();
    await onPath(page, "/onboarding");
    await expectSignedIn(page, email);
    await saveScreenshot(page, "01-signed-in-with-code");
  });

  it("recovers a corrupted stored session with Clear stale session", async () => {
    const email = uniqueEmail("stale");
    await signInWithLink(page, server.url, email);
    const key = await sessionKey(page);

    // An expired session whose refresh token the server never issued.
    await writeStaleSession(page, key, -3600);
    await page.reload();
    await page.goto("/login");
    await page.getByRole("heading", { name: "Sign in to Edgeplane" }).waitFor();

    // supabase-js drops an expired session it cannot refresh by itself; one that still looks
    // valid, with a leftover PKCE verifier, is what only the button clears.
    await writeStaleSession(page, key, 3600);
    await page.evaluate((k) => localStorage.setItem(`${k}-code-verifier`, '"stale"'), key);
    expect(await supabaseKeys(page)).toEqual(expect.arrayContaining([key, `${key}-code-verifier`]));
    await saveScreenshot(page, "01-stale-session");

    await page.getByRole("button", { name: "Clear stale session" }).click();
    await expect.poll(() => supabaseKeys(page), { timeout: 10_000 }).toEqual([]);
    await page.getByRole("heading", { name: "Sign in to Edgeplane" }).waitFor();

    await signInWithLink(page, server.url, email);
    await saveScreenshot(page, "01-signed-in-after-clearing");
  });
});
