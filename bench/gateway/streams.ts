import { Agent } from "node:http";
import { performance } from "node:perf_hooks";
import { chatBody, post, type Target } from "./load.ts";
import { cpuMs, load1, rssMiB } from "./proc.ts";

export interface StreamsResult {
  target: string;
  requested: number;
  /** Streams that ended with `data: [DONE]`. */
  completed: number;
  /** From the first request until every stream had its first byte. */
  allOpenMs: number;
  /** The most streams open at once (first byte seen, end not yet). */
  maxOpen: number;
  load: string;
  rss: Record<string, { before: number; peak: number }>;
  cpuS: Record<string, number | null>;
}

/**
 * Opens `count` slow streams at once through `target` (in bursts of 100, so the listen backlog
 * is not what is measured), samples the watched processes' RSS every 50 ms until every stream
 * has ended, and reports the peak.
 */
export async function holdStreams(
  target: Target,
  count: number,
  watched: Record<string, number | undefined>,
): Promise<StreamsResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: count + 16 });
  const rss: StreamsResult["rss"] = {};
  const cpu0: Record<string, number | null> = {};
  for (const [name, pid] of Object.entries(watched)) {
    const now = rssMiB(pid) ?? Number.NaN;
    rss[name] = { before: now, peak: now };
    cpu0[name] = cpuMs(pid);
  }
  const sample = setInterval(() => {
    for (const [name, pid] of Object.entries(watched)) {
      const now = rssMiB(pid);
      const r = rss[name];
      if (now !== null && r && !(now <= r.peak)) r.peak = now;
    }
  }, 50);
  const load = load1();
  const started = performance.now();
  const edges: [number, number][] = [];
  const pending: Promise<boolean>[] = [];
  for (let i = 0; i < count; i++) {
    const answer = post(agent, target, chatBody(target.model, true, i, 32)).then(
      (a) => {
        edges.push([a.firstByteAt, 1], [a.endedAt, -1]);
        return a.status === 200 && a.text.includes("[DONE]");
      },
      () => false,
    );
    pending.push(answer);
    if (i % 100 === 99) await new Promise((r) => setTimeout(r, 10));
  }
  const outcomes = await Promise.all(pending);
  clearInterval(sample);
  agent.destroy();
  const cpuS: Record<string, number | null> = {};
  for (const [name, pid] of Object.entries(watched)) {
    const [a, b] = [cpu0[name] ?? null, cpuMs(pid)];
    cpuS[name] = a === null || b === null ? null : (b - a) / 1000;
  }
  let [open, maxOpen, lastFirstByte] = [0, 0, started];
  for (const [at, step] of edges.sort((a, b) => a[0] - b[0] || a[1] - b[1])) {
    open += step;
    maxOpen = Math.max(maxOpen, open);
    if (step === 1) lastFirstByte = at;
  }
  return {
    target: target.name,
    requested: count,
    completed: outcomes.filter(Boolean).length,
    allOpenMs: lastFirstByte - started,
    maxOpen,
    load,
    rss,
    cpuS,
  };
}
