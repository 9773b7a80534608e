import { rewriteChunk, type TokenUsage } from "./rewrite.ts";

export interface StreamOutcome {
  usage: TokenUsage | null;
  /** Chunks that carried output: the token count when the node sent no usage. */
  generatedChunks: number;
  /** True only when the node finished with `data: [DONE]`. */
  completed: boolean;
  /** Who ended it early: the customer, the node, or nobody. */
  cut: "customer" | "node" | null;
  /** Time spent in the gateway on this stream's bytes, excluding waiting for the node. */
  processingMs: number;
}

export interface RelayOptions {
  upstream: string;
  publicId: string;
  /** The customer asked for `stream_options.include_usage`: keep the usage chunk. */
  keepUsage: boolean;
  /** Stops the node's generation (the customer went away). */
  abort: () => void;
  /** Whether the customer has gone: a node read failing then is their cut, not the node's. */
  customerGone: () => boolean;
  /** Called exactly once, when the stream ended in any way. */
  onDone: (outcome: StreamOutcome) => void;
}

const encoder = new TextEncoder();

const interrupted = `data: ${JSON.stringify({
  error: {
    message: "The node serving this request stopped before the answer was complete.",
    type: "server_error",
    param: null,
    code: "stream_interrupted",
  },
})}\n\n`;

/**
 * Relays a chat completion stream event by event as it arrives (no added buffering beyond the
 * incomplete tail of an event): model names rewritten, usage read and dropped unless asked for.
 * A stream the node breaks ends with an OpenAI-style error event, never a silent cut.
 */
export function relaySse(
  body: ReadableStream<Uint8Array>,
  o: RelayOptions,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const needle = `"model":${JSON.stringify(o.upstream)}`;
  const replacement = `"model":${JSON.stringify(o.publicId)}`;
  let tail = "";
  let usage: TokenUsage | null = null;
  let generatedChunks = 0;
  let sawDone = false;
  let processingMs = 0;
  let finished = false;
  let cancelled = false;

  const finish = (cut: StreamOutcome["cut"]) => {
    if (finished) return;
    finished = true;
    o.onDone({ usage, generatedChunks, completed: sawDone && cut === null, cut, processingMs });
  };

  const event = (raw: string): string => {
    if (!raw.startsWith("data:")) return `${raw}\n\n`;
    const data = raw.slice(raw.startsWith("data: ") ? 6 : 5);
    if (data.trim() === "[DONE]") {
      sawDone = true;
      return "data: [DONE]\n\n";
    }
    const r = rewriteChunk(data, needle, replacement, o.upstream, o.publicId, o.keepUsage);
    if (r.usage) usage = r.usage;
    if (r.generated) generatedChunks++;
    return r.payload === null ? "" : `data: ${r.payload}\n\n`;
  };

  const take = (text: string, final: boolean): string => {
    tail += text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
    let out = "";
    let at = tail.indexOf("\n\n");
    while (at >= 0) {
      const raw = tail.slice(0, at);
      tail = tail.slice(at + 2);
      if (raw.length > 0) out += event(raw);
      at = tail.indexOf("\n\n");
    }
    if (final && tail.trim().length > 0) {
      out += event(tail.trim());
      tail = "";
    }
    return out;
  };

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch {
          if (cancelled) return;
          if (o.customerGone()) {
            finish("customer");
            controller.error(new Error("client closed"));
            return;
          }
          controller.enqueue(encoder.encode(interrupted));
          controller.close();
          finish("node");
          return;
        }
        if (cancelled) return;
        const started = performance.now();
        if (chunk.done) {
          const out = take(decoder.decode(), true);
          if (out) controller.enqueue(encoder.encode(out));
          if (!sawDone) controller.enqueue(encoder.encode(interrupted));
          controller.close();
          processingMs += performance.now() - started;
          finish(sawDone ? null : "node");
          return;
        }
        const out = take(decoder.decode(chunk.value, { stream: true }), false);
        processingMs += performance.now() - started;
        if (out) {
          controller.enqueue(encoder.encode(out));
          return;
        }
      }
    },
    cancel() {
      cancelled = true;
      o.abort();
      reader.cancel().catch(() => undefined);
      finish("customer");
    },
  });
}
