import type { DevOutbox } from "../mail/mailer.ts";

/**
 * Prints each sign-in e-mail the dev outbox catches, so the demo's console shows the code
 * while the server's own log stays quiet. Returns a function that stops watching.
 */
export function relayOutbox(
  outbox: DevOutbox | undefined,
  write: (text: string) => void,
  everyMs = 500,
): () => void {
  if (!outbox) return () => {};
  const seen = new Set(outbox.list().map((m) => m.id));
  const timer = setInterval(() => {
    for (const m of outbox.list().reverse()) {
      if (seen.has(m.id)) continue;
      seen.add(m.id);
      write(
        `\n  Sign-in e-mail to ${m.to} (dev outbox, not sent):\n` +
          `    code  ${m.code ?? "(none)"}\n    link  ${m.link ?? "(none)"}\n` +
          "    (open the link in the browser that asked for it, or type the code)\n",
      );
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
