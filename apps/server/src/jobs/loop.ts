import type { Logger } from "../logger.ts";

export interface Job<R> {
  name: string;
  /** One pass at time `now`; tests call it directly with the clock they want. */
  tick(now: number): Promise<R>;
}

export interface RunningLoop {
  stop(): Promise<void>;
}

/** Runs a job every `intervalMs` (never two passes at once); errors are logged, not fatal. */
export function startLoop<R>(job: Job<R>, intervalMs: number, log: Logger): RunningLoop {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<unknown> | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(run, intervalMs);
    timer.unref();
  };
  const run = () => {
    current = job
      .tick(Date.now())
      .catch((err: unknown) => log.error({ err, job: job.name }, "background job pass failed"))
      .finally(() => {
        current = undefined;
        schedule();
      });
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
