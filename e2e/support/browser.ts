import { mkdir } from "node:fs/promises";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { repoRoot } from "./server.ts";

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH points elsewhere. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const screenshotDir = path.join(repoRoot, "e2e", "screenshots");

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  // Finishes CSS transitions first, so an opening menu is captured open.
  await page.screenshot({
    path: path.join(screenshotDir, `${name}.png`),
    fullPage: true,
    animations: "disabled",
  });
}

/**
 * A fresh profile (its own localStorage, like another person or device) and a page on it:
 * 1280 px wide, light scheme, 20 s default timeout; `clipboard` lets the page read and write it.
 */
export async function openPage(
  browser: Browser,
  baseURL: string,
  opts: { height?: number; clipboard?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1280, height: opts.height ?? 800 },
    colorScheme: "light",
  });
  context.setDefaultTimeout(20_000);
  if (opts.clipboard) {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  }
  return { context, page: await context.newPage() };
}

/** After a failed test: a screenshot named after it, the page's URL and the log tails given. */
export async function reportFailure(
  task: { name: string; result?: { state?: string } },
  page: Page,
  logs: string,
): Promise<void> {
  if (task.result?.state !== "fail") return;
  const slug = task.name.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
  await saveScreenshot(page, `failed-${slug}`).catch(() => {});
  console.error(`page: ${page.url()}\n${logs}`);
}

export interface OutboxMail {
  to: string;
  subject: string;
  text: string;
  link: string | null;
  code: string | null;
  createdAt: string;
}

/** The dev outbox for one address, newest first. */
export async function readOutbox(baseUrl: string, email: string): Promise<OutboxMail[]> {
  const res = await fetch(`${baseUrl}/api/dev/outbox?to=${encodeURIComponent(email)}`);
  if (res.status !== 200) throw new Error(`GET /api/dev/outbox answered ${res.status}`);
  return (await res.json()) as OutboxMail[];
}

/** Waits until the outbox holds more than `seen` mails for `email` and returns the newest. */
export async function nextMail(
  baseUrl: string,
  email: string,
  seen: number,
  timeoutMs = 15_000,
): Promise<OutboxMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = await readOutbox(baseUrl, email);
    const newest = mails[0];
    if (newest && mails.length > seen) return newest;
    if (Date.now() > deadline) throw new Error(`no new sign-in e-mail for ${email}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let counter = 0;
/** A fresh address per call, so every test is its own user. */
export function uniqueEmail(label: string): string {
  counter += 1;
  return `${label}-${Date.now().toString(36)}-${counter}@example.com`;
}
