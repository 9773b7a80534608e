import type { ServerResponse } from "node:http";
import { setImmediate as yieldToLoop } from "node:timers/promises";

/**
 * Waits until `dueMs` (performance.now() time); false if the client left. Also yields to the
 * event loop every 64 tokens, so a disconnect is noticed even when tokens are not paced.
 */
export async function sleepUntil(dueMs: number, signal: AbortSignal, i: number): Promise<boolean> {
  const wait = dueMs - performance.now();
  if (wait >= 1) {
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, wait);
      signal.addEventListener("abort", done, { once: true });
    });
  } else if (i % 64 === 0) {
    await yieldToLoop();
  }
  return !signal.aborted;
}

/** One `data:` event; waits for the socket to drain (or close) when its buffer is full. */
export async function writeSse(res: ServerResponse, body: unknown): Promise<void> {
  if (res.destroyed) return;
  if (res.write(`data: ${JSON.stringify(body)}\n\n`)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.once("drain", done);
    res.once("close", done);
  });
}
