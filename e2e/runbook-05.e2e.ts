import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  launchBrowser,
  openPage,
  reportFailure,
  saveScreenshot,
  uniqueEmail,
} from "./support/browser.ts";
import { type Agent, fakeNvidiaSmi, history, startAgent } from "./support/fleet.ts";
import { api, expectJson, getMe } from "./support/http.ts";
import { type E2eServer, startE2eServer } from "./support/server.ts";
import { onPath, signInWithLink, storedAccessToken } from "./support/sign-in.ts";

/*
 * Runbook 05 "Monitor daily operations" against a running fleet: four nodes from the agent's
 * simulator, one real agent whose (fake) nvidia-smi reports an overheating GPU, and one real
 * agent that is stopped so its node goes offline and opens a critical incident.
 */

/** Health thresholds shortened so a stopped agent is offline in seconds, not minutes. */
const opsEnv = {
  HEALTH_INTERVAL_SECONDS: "1",
  HEALTH_OFFLINE_SECONDS: "10",
  HEALTH_RECOVER_SECONDS: "5",
  ROLLUP_INTERVAL_SECONDS: "2",
  ROLLUP_GRACE_SECONDS: "2",
};

let server: E2eServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let workDir: string;
const agents: Agent[] = [];

beforeAll(async () => {
  server = await startE2eServer(opsEnv);
  browser = await launchBrowser();
  workDir = await mkdtemp(path.join(tmpdir(), "edgeplane-e2e-fleet-"));
});
afterAll(async () => {
  await Promise.all(agents.map((a) => a.stop()));
  await browser?.close();
  await server?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

beforeEach(async () => {
  ({ context, page } = await openPage(browser, server.url));
});
afterEach(async ({ task }) => {
  await reportFailure(
    task,
    page,
    `server log tail:\n${server.output().slice(-4000)}\n${agents.map((a) => `${a.label}:\n${a.output().slice(-1500)}`).join("\n")}`,
  );
  await context?.close();
});

async function ok<T>(res: Promise<Response>): Promise<T> {
  const r = await res;
  if (r.status !== 200) throw new Error(`expected 200, got ${r.status}: ${await r.text()}`);
  return (await r.json()) as T;
}

interface Summary {
  simulated: boolean;
  nodes: Record<"online" | "degraded" | "offline" | "pending", number>;
  openIncidents: Record<"critical" | "major" | "minor", number>;
}

/** Runbook 01 and 02 through the UI: a signed-in owner of a new organization. */
async function signInWithNewOrg(): Promise<{ email: string; orgId: string; token: string }> {
  const email = uniqueEmail("ops");
  await signInWithLink(page, server.url, email);
  await page.getByRole("button", { name: "Create organization", exact: true }).click();
  await page
    .getByRole("textbox", { name: "Organization name", exact: true })
    .fill(`Edge Fleet ${Date.now().toString(36)}`);
  await page.getByRole("combobox", { name: "Intended use case" }).click();
  await page.getByRole("option", { name: "Pilot network", exact: true }).click();
  await page.getByRole("button", { name: "Create and continue" }).click();
  await onPath(page, "/onboarding/site");
  const token = await storedAccessToken(page);
  const me = (await (await getMe(server.url, token)).json()) as {
    memberships: { org: { id: string } }[];
  };
  return { email, orgId: me.memberships[0]?.org.id ?? "", token };
}

function run(label: string, args: string[]): Agent {
  const agent = startAgent(label, args, workDir);
  agents.push(agent);
  return agent;
}

/** The number on a mission-control card, e.g. "Online nodes: 5". */
async function stat(label: string): Promise<number> {
  const name = await page.getByTestId(label).getAttribute("aria-label");
  return Number(name?.split(": ")[1] ?? Number.NaN);
}

describe("runbook 05 Monitor daily operations", () => {
  it("shows online, degraded and offline nodes, the critical incident and its lifecycle", async () => {
    const { email, orgId, token } = await signInWithNewOrg();
    const base = `/api/orgs/${orgId}`;
    const post = <T>(p: string, body: unknown) =>
      expectJson<T>(api(server.url, `${base}${p}`, token, body));

    // Three sites in three regions; nodes and keys through the HTTP API for speed.
    const site = (name: string, city: string, country: string, siteType: string) =>
      post<{ id: string }>("/sites", {
        name,
        city,
        country,
        powerCapacityKw: 60,
        siteType,
        connectivityTier: "tier_2",
      });
    const nairobi = await site("Nairobi West Telecom Room", "Nairobi", "KE", "telecom_room");
    const singapore = await site("Singapore University Lab", "Singapore", "SG", "university");
    const frankfurt = await site("Frankfurt Edge Room", "Frankfurt", "DE", "edge_room");
    const node = async (siteId: string, name: string) => {
      const n = await post<{ id: string }>("/nodes", {
        siteId,
        name,
        externalId: `${name}-${Date.now().toString(36)}`,
        acceleratorType: "nvidia-l40s",
        gpuCount: name.startsWith("sim") ? 4 : 2,
      });
      const key = await post<{ secret: string }>(`/nodes/${n.id}/keys`, { name: "agent" });
      return { id: n.id, name, secret: key.secret };
    };
    const simNodes = [
      await node(nairobi.id, "sim-nbo-01"),
      await node(nairobi.id, "sim-nbo-02"),
      await node(singapore.id, "sim-sin-01"),
      await node(singapore.id, "sim-sin-02"),
    ];
    const hot = await node(frankfurt.id, "fra-gpu-hot");
    const gone = await node(frankfurt.id, "fra-gpu-02");

    // Before any agent reports, mission control says how to start one.
    await page.goto("/operator");
    await page.getByText("No node has reported yet").waitFor();
    expect(await stat("stat-pending-nodes")).toBe(6);

    // The simulator runs four nodes; two real agents run one node each.
    const keysFile = path.join(workDir, "keys.txt");
    await writeFile(keysFile, `# simulated fleet\n${simNodes.map((n) => n.secret).join("\n")}\n`);
    run("simulator", [
      "simulate",
      "--url",
      server.url,
      "--keys",
      keysFile,
      "--interval",
      "2s",
      "--accelerator",
      "l40s",
      "--gpus",
      "4",
      "--silent-probability",
      "0",
      "--overheat-probability",
      "0",
      "--xid-probability",
      "0",
      "--seed",
      "5",
      "--report-every",
      "60s",
      "--log-level",
      "warn",
    ]);
    const realAgent = async (n: { name: string; secret: string }, hotC: number) => {
      const keyFile = path.join(workDir, `${n.name}.key`);
      await writeFile(keyFile, n.secret, { mode: 0o600 });
      return run(n.name, [
        "--url",
        server.url,
        "--key-file",
        keyFile,
        "--interval",
        "1s",
        "--state-dir",
        path.join(workDir, `${n.name}-state`),
        "--nvidia-smi",
        await fakeNvidiaSmi(workDir, n.name, hotC),
        "--hostname",
        n.name,
        "--log-level",
        "warn",
      ]);
    };
    await realAgent(hot, 91);
    const goneAgent = await realAgent(gone, 58);

    const summary = () => ok<Summary>(api(server.url, `${base}/operator/summary`, token));
    await expect
      .poll(async () => (await summary()).nodes, { timeout: 45_000, interval: 500 })
      .toMatchObject({ online: 5, degraded: 1, pending: 0 });
    const replayed = await Promise.all(
      simNodes.map((n, i) =>
        fetch(`${server.url}/api/agent/v1/telemetry`, {
          method: "POST",
          headers: { authorization: `Bearer ${n.secret}`, "content-type": "application/json" },
          body: JSON.stringify(history(i, Date.now() - 3 * 60_000)),
        }),
      ),
    );
    expect(replayed.map((r) => r.status)).toEqual([200, 200, 200, 200]);

    const series = (range: string) =>
      ok<{ series: { points: { samples: number }[] }[] }>(
        api(server.url, `${base}/telemetry/series?scope=fleet&range=${range}`, token),
      );
    const filled = async (range: string) =>
      (await series(range)).series.reduce(
        (n, s) => n + s.points.filter((p) => p.samples > 0).length,
        0,
      );
    // The replayed history is rolled up before the pages that draw it are opened.
    await expect.poll(() => filled("24h"), { timeout: 60_000 }).toBeGreaterThan(400);

    // 05: /operator, live: it follows the fleet without a reload.
    await page.goto("/operator");
    await page.getByRole("heading", { name: "Mission control" }).waitFor();
    await expect.poll(() => stat("stat-online-nodes"), { timeout: 15_000 }).toBe(5);
    expect(await stat("stat-degraded-nodes")).toBe(1);
    await page.getByText("Simulated data").waitFor();
    // Usage trend: the fleet's throughput over the last 24 h.
    await page
      .getByRole("region", { name: "Usage trend" })
      .getByRole("img", { name: /Tokens\/s, fleet average over the last 24 hours/ })
      .waitFor();
    await page
      .getByTestId("updated-ago")
      .getByText(/Updated \d+ s ago/)
      .waitFor();
    const attention = page.getByRole("table", { name: "Nodes that need attention" });
    const hotRow = attention.getByRole("row").filter({ hasText: hot.name });
    await hotRow.getByText("Degraded", { exact: true }).waitFor();
    await hotRow.getByText(/GPU 0 at 91 °C/).waitFor();

    await goneAgent.stop();
    await expect.poll(() => stat("stat-offline-nodes"), { timeout: 45_000 }).toBe(1);
    await expect
      .poll(async () => page.getByTestId("open-critical").getAttribute("aria-label"), {
        timeout: 15_000,
      })
      .toBe("Open critical incidents: 1");
    expect(await stat("stat-online-nodes")).toBe(4);
    const goneRow = attention.getByRole("row").filter({ hasText: gone.name });
    await goneRow.getByText("Offline", { exact: true }).waitFor();
    await goneRow.getByText(/No telemetry since/).waitFor();
    const openList = page.getByRole("region", { name: "Open incidents" });
    const criticalLink = openList
      .getByRole("listitem")
      .filter({ hasText: "Critical" })
      .getByRole("link");
    await criticalLink.waitFor();
    await page.getByRole("region", { name: "Sites" }).getByText("Frankfurt Edge Room").waitFor();
    await saveScreenshot(page, "05-operator");
    await page.emulateMedia({ colorScheme: "dark" });
    await saveScreenshot(page, "05-operator-dark");
    await page.emulateMedia({ colorScheme: "light" });

    // 05: /incidents lists the critical incident; open it.
    await page.goto("/incidents");
    await page.getByRole("heading", { name: "Incidents" }).waitFor();
    const criticalRow = page
      .getByRole("table", { name: "Incidents" })
      .getByRole("row")
      .filter({ hasText: "Critical" })
      .filter({ hasText: gone.name });
    await criticalRow.waitFor();
    await page
      .getByRole("row")
      .filter({ hasText: hot.name })
      .getByText("Major", { exact: true })
      .waitFor();
    await saveScreenshot(page, "05-incidents");
    await criticalRow.getByRole("link").click();
    await page.waitForURL(/\/incidents\/inc_/);
    const timeline = page.getByRole("region", { name: "Timeline" });
    await timeline.getByText(/Opened as/).waitFor();

    // Acknowledge, assign, add a note, change the status, resolve: each lands on the timeline.
    await page.getByRole("button", { name: "Acknowledge", exact: true }).click();
    await timeline.getByText("Acknowledged", { exact: true }).waitFor();
    await timeline.getByText(`${email} ·`).first().waitFor();
    const dialog = page.getByRole("dialog");
    await page.getByRole("button", { name: "Assign", exact: true }).click();
    await dialog.getByRole("combobox", { name: "Assignee" }).click();
    await page.getByRole("option", { name: email }).click();
    await dialog.getByRole("button", { name: "Save assignment" }).click();
    await timeline.getByText(`Assigned to ${email}`).waitFor();
    await page.getByRole("button", { name: "Add note", exact: true }).click();
    await dialog.getByRole("button", { name: "Save note" }).click();
    await dialog.getByText("Required").waitFor();
    const note = "Site engineer on the way: power supply of rack B2 tripped.";
    await dialog.getByRole("textbox", { name: "Note" }).fill(note);
    await dialog.getByRole("button", { name: "Save note" }).click();
    await timeline.getByText(note).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await saveScreenshot(page, "05-incident-detail-open");
    await page.getByRole("button", { name: "Change status", exact: true }).click();
    await dialog.getByRole("combobox", { name: "New status" }).click();
    await page.getByRole("option", { name: "Identified", exact: true }).click();
    await dialog.getByRole("button", { name: "Save status" }).click();
    await timeline.getByText("Status changed from Investigating to Identified").waitFor();
    await page.getByRole("button", { name: "Resolve", exact: true }).click();
    await dialog
      .getByRole("textbox", { name: "Resolution note (optional)" })
      .fill("Power restored; the agent reports again.");
    await dialog.getByRole("button", { name: "Resolve incident" }).click();
    await timeline.getByText("Resolved", { exact: true }).waitFor();
    await timeline.getByText("Power restored; the agent reports again.").waitFor();
    await page
      .getByRole("button", { name: "Acknowledge", exact: true })
      .waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Resolve", exact: true }).waitFor({ state: "detached" });
    // A full-page shot of a scrolled page draws the fixed header mid-page.
    await page.evaluate(() => window.scrollTo(0, 0));
    await saveScreenshot(page, "05-incident-detail");

    // 05: /status: the overall banner, each region, site and model with 90 daily bars.
    await page.goto("/status");
    await page.getByRole("heading", { name: "Status", exact: true }).waitFor();
    await page.getByTestId("status-banner").waitFor();
    await page.getByRole("region", { name: "Sites" }).getByText("Frankfurt Edge Room").waitFor();
    await page.getByRole("region", { name: "Regions" }).waitFor();
    await page
      .getByRole("img", { name: /Nairobi West Telecom Room: .* uptime over the last 90 days/ })
      .waitFor();
    await saveScreenshot(page, "05-status");
    await page.emulateMedia({ colorScheme: "dark" });
    await saveScreenshot(page, "05-status-dark");
    await page.emulateMedia({ colorScheme: "light" });

    // 05: /observability: fleet charts over 1 h and 24 h, with units and legends.
    await page.goto("/observability");
    await page.getByRole("heading", { name: "Observability" }).waitFor();
    const utilization = page.getByRole("region", { name: "GPU utilization" });
    await utilization.locator(".recharts-line").first().waitFor();
    await utilization.getByText("avg").waitFor();
    await page.getByRole("region", { name: "GPU temperature" }).getByText("°C").first().waitFor();
    await saveScreenshot(page, "05-observability-1h");
    await page.getByText("24h", { exact: true }).click();
    await page.waitForURL(/range=24h/);
    await utilization.getByText(/5 min points/).waitFor();
    await utilization.locator(".recharts-line").first().waitFor();
    await saveScreenshot(page, "05-observability-24h");

    // The overheating node's page says why it is degraded, with its GPUs.
    await page.goto(`/nodes/${hot.id}`);
    const health = page.getByRole("region", { name: "Health" });
    await health.getByText(/GPU 0 at 91 °C/).waitFor();
    await health.getByRole("table", { name: "GPUs" }).getByText("91 °C").waitFor();
    await health.getByRole("switch", { name: "Maintenance mode" }).waitFor();
    await saveScreenshot(page, "05-node-health");

    // Getting started: steps 03, 04 and 05 are proven by the organization's own data.
    await page.goto("/");
    for (const step of ["03", "04", "05"]) {
      await page
        .getByRole("listitem", { name: new RegExp(`^Step ${step}:`) })
        .getByText("Done", { exact: true })
        .waitFor();
    }
  }, 300_000);
});
