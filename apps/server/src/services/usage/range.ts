import { maxUsageRangeDays } from "@edgeplane/contracts";
import { ValidationError } from "../../errors.ts";

const dayMs = 86_400_000;

/** The inclusive UTC day range of a usage query: `to` defaults to today, `from` to 30 days. */
export function usageRange(q: { from?: string; to?: string }, now = Date.now()) {
  const to = q.to ?? new Date(now).toISOString().slice(0, 10);
  const from = q.from ?? new Date(Date.parse(to) - 29 * dayMs).toISOString().slice(0, 10);
  if (from > to) throw new ValidationError([{ path: "from", message: "Must not be after to" }]);
  if ((Date.parse(to) - Date.parse(from)) / dayMs >= maxUsageRangeDays) {
    throw new ValidationError([{ path: "from", message: "At most 366 days at once" }]);
  }
  return { from, to };
}
