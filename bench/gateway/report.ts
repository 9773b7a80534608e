import { cpus, totalmem } from "node:os";
import { percentile } from "../support/stats.ts";
import type { Run } from "./load.ts";
import type { StreamsResult } from "./streams.ts";

export interface Row {
  scenario: string;
  stream: boolean;
  concurrency: number;
  n: number;
  /** The 1-minute load average when the row started (other work on the machine shows here). */
  load: string;
  runs: Record<string, RowRun>;
}

export type RowRun = Run & {
  cpuUs: Record<string, number | null>;
  /** With --repeat: the lowest and highest req/s of the runs this median was picked from. */
  rpsRange?: [number, number];
};

const reqPerS = (n: number, r: Run) => (n * 1000) / r.wallMs;

/** The run with the median throughput (the lower middle of an even count), and the range. */
export function medianRun(runs: RowRun[], n: number): RowRun {
  const byRate = [...runs].sort((a, b) => reqPerS(n, a) - reqPerS(n, b));
  const [mid, slowest, fastest] = [byRate[(byRate.length - 1) >> 1], byRate[0], byRate.at(-1)];
  if (!mid || !slowest || !fastest) throw new Error("no runs");
  if (byRate.length === 1) return mid;
  return { ...mid, rpsRange: [reqPerS(n, slowest), reqPerS(n, fastest)] };
}

const f = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : "n/a");
const us = (v: number | null | undefined) => (v == null ? "n/a" : v.toFixed(0));
const p = (r: Run | undefined, q: number) => (r ? percentile(r.ms, q) : Number.NaN);
const rps = (r: RowRun | undefined, n: number) => {
  if (!r) return "n/a";
  const at = reqPerS(n, r).toFixed(0);
  return r.rpsRange ? `${at} (${r.rpsRange.map((v) => v.toFixed(0)).join("–")})` : at;
};
const mode = (r: Row) => `| ${r.scenario} | ${r.stream ? "stream" : "json"} | ${r.concurrency}`;

function machine(): string {
  const cpu = cpus()[0]?.model ?? "?";
  const mem = (totalmem() / 2 ** 30).toFixed(0);
  return `${cpus().length} CPUs (${cpu}), ${mem} GiB, Node ${process.version}`;
}

/** Markdown tables, ready for bench/RESULTS.md. */
export function report(rows: Row[], streams: StreamsResult[], database: string): void {
  console.log(`\n${new Date().toISOString()} · ${machine()} · server database: ${database}`);
  console.log("\nLatency, ms (added = target minus direct in the same row)\n");
  console.log(
    "| upstream | mode | conc. | n | load | direct p50 / p99 | Edgeplane p50 / p99 | added p50 / p99 | Portkey p50 / p99 | added p50 / p99 | Edgeplane own time p50 / p99 |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|---|");
  for (const r of rows) {
    const [d, e, k] = [r.runs.direct, r.runs.edgeplane, r.runs.portkey];
    const pair = (x: Run | undefined) => `${f(p(x, 50))} / ${f(p(x, 99))}`;
    const added = (x: Run | undefined) => `${f(p(x, 50) - p(d, 50))} / ${f(p(x, 99) - p(d, 99))}`;
    const own = e ? `${f(percentile(e.overheadMs, 50))} / ${f(percentile(e.overheadMs, 99))}` : "";
    console.log(
      `${mode(r)} | ${r.n} | ${r.load} | ${pair(d)} | ${pair(e)} | ${added(e)} | ${pair(k)} | ${added(k)} | ${own} |`,
    );
  }
  console.log("\nThroughput (req/s) and CPU per request (µs of user + system time, from /proc)\n");
  console.log(
    "| upstream | mode | conc. | direct req/s | Edgeplane req/s | Portkey req/s | Edgeplane ÷ Portkey | server µs | agent µs | server + agent µs | Portkey µs | upstream µs direct / via Edgeplane |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const r of rows) {
    const [d, e, k] = [r.runs.direct, r.runs.edgeplane, r.runs.portkey];
    const ratio = e && k ? (k.wallMs / e.wallMs).toFixed(2) : "n/a";
    const [server, agent] = [e?.cpuUs.server, e?.cpuUs.agent];
    const both = server == null || agent == null ? null : server + agent;
    console.log(
      `${mode(r)} | ${rps(d, r.n)} | ${rps(e, r.n)} | ${rps(k, r.n)} | ${ratio} | ${us(server)} | ${us(agent)} | ${us(both)} | ${us(k?.cpuUs.portkey)} | ${us(d?.cpuUs.upstream)} / ${us(e?.cpuUs.upstream)} |`,
    );
  }
  console.log(
    "\nThe floor: a bare relay of the same shape (floor.ts: front, tunnel, relay agent; no features)\n",
  );
  console.log(
    "| upstream | mode | conc. | floor added p50 / p99 | Edgeplane added p50 / p99 | floor req/s | Edgeplane req/s | floor CPU µs front + agent = sum | Edgeplane server + agent µs |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const r of rows) {
    const [d, e, fl] = [r.runs.direct, r.runs.edgeplane, r.runs.floor];
    const added = (x: Run | undefined) => `${f(p(x, 50) - p(d, 50))} / ${f(p(x, 99) - p(d, 99))}`;
    const [front, agent] = [fl?.cpuUs.floorServer, fl?.cpuUs.floorAgent];
    const floorCpu =
      front == null || agent == null ? "n/a" : `${us(front)} + ${us(agent)} = ${us(front + agent)}`;
    const [server, eAgent] = [e?.cpuUs.server, e?.cpuUs.agent];
    const ours = server == null || eAgent == null ? null : server + eAgent;
    console.log(
      `${mode(r)} | ${added(fl)} | ${added(e)} | ${rps(fl, r.n)} | ${rps(e, r.n)} | ${floorCpu} | ${us(ours)} |`,
    );
  }
  if (streams.length === 0) return;
  const count = streams[0]?.requested ?? 0;
  console.log(`\n${count} concurrent streams (each 32 tokens at 4 tokens/s: about 8 s)\n`);
  console.log(
    "| through | load | all open after | most open at once | completed | RSS MiB before → peak | CPU s |",
  );
  console.log("|---|---|---|---|---|---|---|");
  for (const s of streams) {
    const rss = Object.entries(s.rss)
      .map(([k, v]) => `${k} ${v.before.toFixed(0)} → ${v.peak.toFixed(0)}`)
      .join(", ");
    const cpu = Object.entries(s.cpuS)
      .map(([k, v]) => `${k} ${v === null ? "n/a" : v.toFixed(2)}`)
      .join(", ");
    console.log(
      `| ${s.target} | ${s.load} | ${s.allOpenMs.toFixed(0)} ms | ${s.maxOpen} | ${s.completed}/${s.requested} | ${rss} | ${cpu} |`,
    );
  }
}
