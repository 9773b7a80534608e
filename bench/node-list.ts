/**
 * The node list at fleet scale: 10,000 nodes on 50 sites (plus another org's 2,000 as noise)
 * on PGlite, listed through the in-process app (auth + membership check + query + JSON).
 * Target: p95 < 50 ms per request. `--drop-indexes` shows the list without the filter indexes.
 * Usage: npm run bench:nodes [-- runs] [--drop-indexes]
 */
import { cpus, totalmem } from "node:os";
import { performance } from "node:perf_hooks";
import { acceleratorCatalogue, newId, nodeStatuses } from "@edgeplane/contracts";
import { schema } from "@edgeplane/db";
import { sql } from "drizzle-orm";
import { createHarness } from "../apps/server/src/testing/harness.ts";
import { percentile } from "./support/stats.ts";

const args = process.argv.slice(2);
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 200);
const dropIndexes = args.includes("--drop-indexes");
const targetMs = 50;

const h = await createHarness({ LOG_LEVEL: "silent" });
const db = h.deps.database.db;
const owner = await h.user();

async function fleet(
  name: string,
  sites: number,
  nodes: number,
): Promise<{ orgId: string; siteIds: string[] }> {
  const res = await h.request("/api/orgs", {
    method: "POST",
    as: owner,
    body: { name, useCase: "production_fleet" },
  });
  const { id: orgId } = (await res.json()) as { id: string };
  const siteIds = Array.from({ length: sites }, () => newId("site"));
  await db.insert(schema.sites).values(
    siteIds.map((id, i) => ({
      id,
      orgId,
      name: `Site ${i}`,
      city: `City ${i % 7}`,
      country: "KE",
      region: "africa" as const,
      powerCapacityKw: 500,
      siteType: "telecom_room" as const,
      connectivityTier: "tier_3" as const,
    })),
  );
  for (let i = 0; i < nodes; i += 500) {
    await db.insert(schema.nodes).values(
      Array.from({ length: Math.min(500, nodes - i) }, (_, j) => {
        const n = i + j;
        const acc = acceleratorCatalogue[n % acceleratorCatalogue.length];
        return {
          id: newId("node"),
          orgId,
          siteId: siteIds[n % sites] ?? "",
          name: `node-${String(n).padStart(5, "0")}`,
          externalId: `SN-${orgId.slice(-4)}-${n}`,
          acceleratorType: acc?.id ?? "nvidia-l4",
          gpuCount: 8,
          powerDrawW: 8000,
          status: nodeStatuses[n % nodeStatuses.length] ?? "pending",
          labels: { rack: `r${n % 40}` },
        };
      }),
    );
  }
  return { orgId, siteIds };
}

const setupStarted = performance.now();
const { orgId, siteIds } = await fleet("Bench Fleet", 50, 10_000);
await fleet("Noise Fleet", 10, 2_000);
await db.execute(sql`analyze`);
if (dropIndexes) {
  await db.execute(sql`drop index nodes_org_site_idx`);
  await db.execute(sql`drop index nodes_org_status_idx`);
}
console.log(`seeded 12,000 nodes in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`);

const base = `/api/orgs/${orgId}/nodes`;
async function get(
  path: string,
): Promise<{ ms: number; body: { items: unknown[]; total: number; nextCursor: string | null } }> {
  const t = performance.now();
  const res = await h.request(path, { as: owner });
  const body = await res.json();
  const ms = performance.now() - t;
  if (res.status !== 200)
    throw new Error(`${path} answered ${res.status}: ${JSON.stringify(body)}`);
  return { ms, body };
}

const site = siteIds[17] ?? "";
const scenarios: [string, () => string][] = [
  ["first page (limit 50)", () => `${base}?limit=50`],
  ["limit 200", () => `${base}?limit=200`],
  ["status=online", () => `${base}?status=online`],
  ["siteId=…", () => `${base}?siteId=${site}`],
  ["acceleratorType=nvidia-h100-sxm", () => `${base}?acceleratorType=nvidia-h100-sxm`],
  ["q=node-04 (ILIKE)", () => `${base}?q=node-04`],
  ["siteId + status + q", () => `${base}?siteId=${site}&status=degraded&q=node-0`],
];

const rows: string[] = [];
let worstP95 = 0;
function record(label: string, samples: number[], total: number) {
  const s = [...samples].sort((a, b) => a - b);
  const p95 = percentile(s, 95);
  worstP95 = Math.max(worstP95, p95);
  rows.push(
    `${label.padEnd(34)} total ${String(total).padStart(5)}  p50 ${percentile(s, 50).toFixed(1).padStart(5)} ms  p95 ${p95.toFixed(1).padStart(5)} ms  max ${(s.at(-1) ?? 0).toFixed(1).padStart(5)} ms`,
  );
}

for (const [label, path] of scenarios) {
  for (let i = 0; i < 10; i++) await get(path());
  const samples: number[] = [];
  let total = 0;
  for (let i = 0; i < runs; i++) {
    const r = await get(path());
    samples.push(r.ms);
    total = r.body.total;
  }
  record(label, samples, total);
}

// Walk every page of the 10,000 with the keyset cursor: deep pages cost the same as the first.
const walk: number[] = [];
let cursor: string | null = null;
let seen = 0;
do {
  const r = await get(`${base}?limit=50${cursor ? `&cursor=${cursor}` : ""}`);
  walk.push(r.ms);
  seen += r.body.items.length;
  cursor = r.body.nextCursor;
} while (cursor);
record(`cursor walk, ${walk.length} pages`, walk, seen);
await h.close();

console.log(
  `node list over in-process app.request, ${runs} runs per scenario${dropIndexes ? " (filter indexes DROPPED)" : ""}`,
);
console.log(
  `machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
for (const r of rows) console.log(r);
const ok = worstP95 < targetMs;
console.log(
  ok ? `every p95 is under the ${targetMs} ms target` : `a p95 MISSES the ${targetMs} ms target`,
);
if (!ok) process.exitCode = 1;
