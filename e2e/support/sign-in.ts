import type { Locator, Page } from "playwright-core";
import { nextMail, type OutboxMail, readOutbox } from "./browser.ts";

/** The dashboard's app-shell header (runbook 01: "your email appears in the header"). */
export function header(page: Page): Locator {
  return page.getByRole("banner");
}

export function onPath(page: Page, pathname: string): Promise<void> {
  return page.waitForURL((url) => url.pathname === pathname);
}

/** On /login: asks for a sign-in e-mail and waits for the "Check your inbox" state. */
export async function requestSignInMail(
  page: Page,
  baseUrl: string,
  email: string,
): Promise<OutboxMail> {
  const seen = (await readOutbox(baseUrl, email)).length;
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Send magic link" }).click();
  await page.getByRole("alert").filter({ hasText: "Check your inbox" }).waitFor();
  await page.getByLabel("6-digit code").waitFor();
  await page.getByRole("button", { name: "Verify code" }).waitFor();
  return nextMail(baseUrl, email, seen);
}

/** Waits for the signed-in header: the user's e-mail and Sign out. */
export async function expectSignedIn(page: Page, email: string): Promise<void> {
  await header(page).getByText(email, { exact: true }).waitFor();
  await header(page).getByRole("button", { name: "Sign out", exact: true }).waitFor();
}

/** Magic link opened in the same page (PKCE): a user without an org lands on /onboarding. */
export async function signInWithLink(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto("/login");
  const mail = await requestSignInMail(page, baseUrl, email);
  if (!mail.link) throw new Error(`the sign-in e-mail to ${email} has no link`);
  await page.goto(mail.link);
  await onPath(page, "/onboarding");
  await expectSignedIn(page, email);
}

/** localStorage keys supabase-js owns (`sb-<host label>-auth-token` and its companions). */
export function supabaseKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("sb-")));
}

export async function sessionKey(page: Page): Promise<string> {
  const key = (await supabaseKeys(page)).find((k) => /^sb-.*-auth-token$/.test(k));
  if (!key) throw new Error("no sb-…-auth-token key in localStorage");
  return key;
}

export async function storedAccessToken(page: Page): Promise<string> {
  const key = await sessionKey(page);
  const raw = await page.evaluate((k) => localStorage.getItem(k), key);
  const token: unknown = raw ? JSON.parse(raw).access_token : undefined;
  if (typeof token !== "string") throw new Error(`${key} holds no access_token`);
  return token;
}

/** Overwrites the stored session with tokens the server never issued, expiring in `inSeconds`. */
export function writeStaleSession(p: Page, key: string, inSeconds: number): Promise<void> {
  return p.evaluate(
    ([k, seconds]) => {
      const stored = JSON.parse(localStorage.getItem(k) ?? "{}");
      const expiresAt = Math.floor(Date.now() / 1000) + seconds;
      localStorage.setItem(
        k,
        JSON.stringify({
          ...stored,
          access_token: "garbage.garbage.garbage",
          refresh_token: "garbage",
          expires_at: expiresAt,
        }),
      );
    },
    [key, inSeconds] as const,
  );
}

/** The text a switcher shows: a Select's input value, or a button's text. */
export function shownText(locator: Locator): Promise<string> {
  return locator.evaluate((el) =>
    el instanceof HTMLInputElement ? el.value : (el.textContent ?? ""),
  );
}
