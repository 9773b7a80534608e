/**
 * Start-up time: spawn `node apps/server/src/main.ts` on an existing DATA_DIR (migrated
 * PGlite, signing key present) and time spawn → first 200 from /readyz. Target: < 2 s.
 * Usage: npm run bench:startup [-- runs]
 */
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { spawnServer, waitUntilReady } from "../e2e/support/server.ts";
import { percentile } from "./support/stats.ts";

const runs = Number(process.argv[2] ?? 10);
const targetMs = 2_000;

async function startOnce(dataDir: string): Promise<number> {
  const started = performance.now();
  const server = await spawnServer({ dataDir, env: { LOG_LEVEL: "warn" } });
  let elapsed: number;
  try {
    await waitUntilReady(server, { timeoutMs: 60_000, intervalMs: 5 });
    elapsed = performance.now() - started;
  } catch (err) {
    await server.stop();
    throw err;
  }
  const code = await server.stop();
  if (code !== 0) throw new Error(`server exited with ${code}:\n${server.output()}`);
  return elapsed;
}

function median(sorted: number[]): number {
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? Number.NaN) + hi) / 2;
}

/** Nearest-rank percentile (with 10 runs, p95 is the slowest run). */

const dataDir = await mkdtemp(path.join(tmpdir(), "edgeplane-bench-"));
try {
  const first = await startOnce(dataDir);
  console.log(`prepared ${dataDir} (first start, creating the database: ${first.toFixed(0)} ms)`);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const ms = await startOnce(dataDir);
    samples.push(ms);
    console.log(`run ${String(i + 1).padStart(2)}: ${ms.toFixed(0)} ms`);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
  console.log(
    `\nstart-up (spawn → /readyz 200), ${runs} runs on ${cpus().length} CPUs, Node ${process.version}`,
  );
  console.log(
    `min ${fmt(sorted[0] ?? Number.NaN)}  median ${fmt(median(sorted))}  p95 ${fmt(percentile(sorted, 95))}  max ${fmt(sorted.at(-1) ?? Number.NaN)}`,
  );
  const p95 = percentile(sorted, 95);
  console.log(
    p95 < targetMs
      ? `p95 is under the ${targetMs} ms target`
      : `p95 MISSES the ${targetMs} ms target`,
  );
  if (p95 >= targetMs) process.exitCode = 1;
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
