/* What the stand-in has served, rendered as vLLM (prometheus_client) renders its /metrics. */

const ttftBuckets = [
  0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 40, 80,
  160, 640, 2560,
];
const e2eBuckets = [
  0.3, 0.5, 0.8, 1, 1.5, 2, 2.5, 5, 10, 15, 20, 30, 40, 50, 60, 120, 240, 480, 960, 1920, 7680,
];

export const finishReasons = ["abort", "error", "length", "stop"] as const;
export type FinishReason = (typeof finishReasons)[number];

class Histogram {
  readonly bounds: number[];
  readonly counts: number[];
  sum = 0;
  count = 0;

  constructor(bounds: number[]) {
    this.bounds = bounds;
    this.counts = bounds.map(() => 0);
  }

  observe(v: number): void {
    this.sum += v;
    this.count++;
    this.bounds.forEach((b, i) => {
      if (v <= b) this.counts[i] = (this.counts[i] ?? 0) + 1;
    });
  }
}

export interface ModelMetrics {
  running: number;
  waiting: number;
  /** Tokens held in the KV cache by running requests. */
  kvTokens: number;
  promptTokens: number;
  generationTokens: number;
  success: Record<FinishReason, number>;
  ttft: Histogram;
  e2e: Histogram;
}

/** Python's float repr as prometheus_client prints it: `12.0`, `0.25`, `1.234567e+06`, `+Inf`. */
export function goFloat(v: number): string {
  if (v === Number.POSITIVE_INFINITY) return "+Inf";
  if (v === Number.NEGATIVE_INFINITY) return "-Inf";
  if (Number.isNaN(v)) return "NaN";
  let s = Number.isInteger(v) && Math.abs(v) < 1e16 ? `${v}.0` : String(v);
  s = s.replace(/e([+-])(\d)$/, "e$10$2");
  const dot = s.indexOf(".");
  if (v > 0 && dot > 6 && !s.includes("e")) {
    const mantissa = `${s[0]}.${s.slice(1, dot)}${s.slice(dot + 1)}`
      .replace(/0+$/, "")
      .replace(/\.$/, "");
    return `${mantissa}e+${String(dot - 1).padStart(2, "0")}`;
  }
  return s;
}

const labelText = (labels: Record<string, string>) =>
  `{${Object.keys(labels)
    .sort()
    .map((k) => `${k}="${(labels[k] ?? "").replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`)
    .join(",")}}`;

export class MetricsRegistry {
  readonly models = new Map<string, ModelMetrics>();
  readonly http = new Map<string, number>();
  readonly #createdAt = Date.now() / 1000;

  constructor(modelIds: string[]) {
    for (const id of modelIds) {
      this.models.set(id, {
        running: 0,
        waiting: 0,
        kvTokens: 0,
        promptTokens: 0,
        generationTokens: 0,
        success: { abort: 0, error: 0, length: 0, stop: 0 },
        ttft: new Histogram(ttftBuckets),
        e2e: new Histogram(e2eBuckets),
      });
    }
  }

  model(id: string): ModelMetrics {
    const m = this.models.get(id);
    if (!m) throw new Error(`unknown model ${id}`);
    return m;
  }

  countHttp(handler: string, method: string, status: number): void {
    const key = JSON.stringify([handler, method, `${Math.floor(status / 100)}xx`]);
    this.http.set(key, (this.http.get(key) ?? 0) + 1);
  }

  render(options: { kvCacheTokens: number; legacyNames: boolean }): string {
    const out: string[] = [];
    const family = (
      name: string,
      type: string,
      help: string,
      rows: [Record<string, string>, number][],
    ) => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [labels, v] of rows) out.push(`${name}${labelText(labels)} ${goFloat(v)}`);
    };
    const perModel = (f: (m: ModelMetrics) => number): [Record<string, string>, number][] =>
      [...this.models].map(([id, m]) => [{ engine: "0", model_name: id }, f(m)]);
    const counter = (base: string, help: string, rows: [Record<string, string>, number][]) => {
      family(`${base}_total`, "counter", help, rows);
      family(
        `${base}_created`,
        "gauge",
        help,
        rows.map(([l]) => [l, this.#createdAt]),
      );
    };
    family(
      "vllm:num_requests_running",
      "gauge",
      "Number of requests in model execution batches.",
      perModel((m) => m.running),
    );
    family(
      "vllm:num_requests_waiting",
      "gauge",
      "Number of requests waiting to be processed.",
      perModel((m) => m.waiting),
    );
    const kv = perModel((m) => Math.min(1, m.kvTokens / options.kvCacheTokens));
    if (options.legacyNames)
      family(
        "vllm:gpu_cache_usage_perc",
        "gauge",
        "GPU KV-cache usage. 1 means 100 percent usage.",
        kv,
      );
    else
      family("vllm:kv_cache_usage_perc", "gauge", "KV-cache usage. 1 means 100 percent usage.", kv);
    counter(
      "vllm:prompt_tokens",
      "Number of prefill tokens processed.",
      perModel((m) => m.promptTokens),
    );
    counter(
      "vllm:generation_tokens",
      "Number of generation tokens processed.",
      perModel((m) => m.generationTokens),
    );
    counter(
      "vllm:request_success",
      "Count of successfully processed requests.",
      [...this.models].flatMap(([id, m]) =>
        finishReasons.map((r): [Record<string, string>, number] => [
          { engine: "0", finished_reason: r, model_name: id },
          m.success[r],
        ]),
      ),
    );
    const histogram = (name: string, help: string, pick: (m: ModelMetrics) => Histogram) => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} histogram`);
      for (const [id, m] of this.models) {
        const h = pick(m);
        const base = { engine: "0", model_name: id };
        h.bounds.forEach((b, i) => {
          out.push(
            `${name}_bucket${labelText({ ...base, le: goFloat(b) })} ${goFloat(h.counts[i] ?? 0)}`,
          );
        });
        out.push(`${name}_bucket${labelText({ ...base, le: "+Inf" })} ${goFloat(h.count)}`);
        out.push(`${name}_count${labelText(base)} ${goFloat(h.count)}`);
        out.push(`${name}_sum${labelText(base)} ${goFloat(h.sum)}`);
      }
    };
    histogram(
      "vllm:time_to_first_token_seconds",
      "Histogram of time to first token in seconds.",
      (m) => m.ttft,
    );
    histogram(
      "vllm:e2e_request_latency_seconds",
      "Histogram of e2e request latency in seconds.",
      (m) => m.e2e,
    );
    counter(
      "http_requests",
      "Total number of requests by method, status and handler.",
      [...this.http].map(([k, v]) => {
        const [handler = "", method = "", status = ""] = JSON.parse(k) as string[];
        return [{ handler, method, status }, v];
      }),
    );
    return `${out.join("\n")}\n`;
  }
}
