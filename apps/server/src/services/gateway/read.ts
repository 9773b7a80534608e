import { upstreamFailed } from "./errors.ts";

/** Reads a node's whole answer as text, refusing one larger than `maxBytes`. */
export async function readText(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw upstreamFailed(502, "The node's answer is too large.");
    }
    text += decoder.decode(value, { stream: true });
  }
}
