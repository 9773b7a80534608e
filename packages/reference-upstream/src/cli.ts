#!/usr/bin/env node
import { parseArgs } from "node:util";
import type { ReferenceModel } from "./options.ts";
import { startReferenceUpstream } from "./server.ts";

const help = `reference-upstream: an OpenAI-compatible stand-in that answers like vLLM (tests, benchmarks, demos)

Usage: node packages/reference-upstream/src/cli.ts [--port 8000] [options]

  --port <n>                   listen port (default 8000; 0 picks one)
  --host <addr>                listen address (default 127.0.0.1)
  --model <id>                 a chat model to serve (repeatable; default edgeplane/reference-chat)
  --embedding-model <id>       an embedding model to serve (repeatable; default edgeplane/reference-embed)
  --max-model-len <n>          context length of every model (default 32768)
  --tokens-per-second <n>      decode speed per request (default 60; 0 = unpaced)
  --first-token-latency-ms <n> delay before the first token (default 200)
  --failure-rate <p>           share answered with a 500 (default 0)
  --mid-stream-failure-rate <p> share cut off halfway (default 0)
  --embedding-dimensions <n>   vector size (default 384)
  --max-num-seqs <n>           requests generating at once per model; more wait (default 256)
  --api-key <key>              require this bearer key on /v1 (like vllm --api-key)
  --error-format <f>           openai (vLLM >= 0.10.1, default) or legacy (flat object: "error")
  --legacy-metrics             expose vllm:gpu_cache_usage_perc instead of vllm:kv_cache_usage_perc
`;

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8000" },
    host: { type: "string", default: "127.0.0.1" },
    model: { type: "string", multiple: true },
    "embedding-model": { type: "string", multiple: true },
    "max-model-len": { type: "string" },
    "tokens-per-second": { type: "string", default: "60" },
    "first-token-latency-ms": { type: "string", default: "200" },
    "failure-rate": { type: "string", default: "0" },
    "mid-stream-failure-rate": { type: "string", default: "0" },
    "embedding-dimensions": { type: "string", default: "384" },
    "max-num-seqs": { type: "string", default: "256" },
    "api-key": { type: "string" },
    "error-format": { type: "string", default: "openai" },
    "legacy-metrics": { type: "boolean", default: false },
    help: { type: "boolean", short: "h" },
  },
});

if (values.help) {
  process.stdout.write(help);
  process.exit(0);
}

const maxModelLen =
  values["max-model-len"] === undefined ? undefined : Number(values["max-model-len"]);
const chat = values.model ?? ["edgeplane/reference-chat"];
const embed = values["embedding-model"] ?? ["edgeplane/reference-embed"];
const models: ReferenceModel[] = [
  ...chat.map((id) => ({ id, kind: "chat" as const, maxModelLen })),
  ...embed.map((id) => ({ id, kind: "embedding" as const, maxModelLen: maxModelLen ?? 512 })),
];
const errorFormat = values["error-format"];
if (errorFormat !== "openai" && errorFormat !== "legacy") {
  process.stderr.write("--error-format must be openai or legacy\n");
  process.exit(64);
}

const upstream = await startReferenceUpstream({
  port: Number(values.port),
  host: values.host,
  models,
  tokensPerSecond: Number(values["tokens-per-second"]),
  firstTokenLatencyMs: Number(values["first-token-latency-ms"]),
  failureRate: Number(values["failure-rate"]),
  midStreamFailureRate: Number(values["mid-stream-failure-rate"]),
  embeddingDimensions: Number(values["embedding-dimensions"]),
  maxNumSeqs: Number(values["max-num-seqs"]),
  apiKey: values["api-key"],
  errorFormat,
  legacyMetricNames: values["legacy-metrics"],
});
process.stdout.write(
  `reference upstream (vLLM wire format) at ${upstream.url}; models: ${models.map((m) => m.id).join(", ")}; metrics at ${upstream.origin}/metrics\n`,
);
const shutdown = () => {
  void upstream.close().then(() => process.exit(0));
};
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
