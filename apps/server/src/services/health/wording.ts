/*
 * How health reasons and incident notes name times and durations: for people, not parsers
 * (the exact instants travel beside the words, as data). Times are UTC because the same text
 * is read by operators in every zone; the dashboard shows exact times in the viewer's zone.
 */

const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const two = (n: number) => String(n).padStart(2, "0");

/**
 * "16:02:11 UTC" on the same UTC day as `now`, "24 Nov 16:02 UTC" on another day of the same
 * year, "24 Nov 2025 16:02 UTC" otherwise. No relative wording ("3 min ago"): a reason's text
 * must not change on every pass, or every offline node would be rewritten each time.
 */
export function clockTime(ms: number, now: number): string {
  const at = new Date(ms);
  const today = new Date(now);
  const hm = `${two(at.getUTCHours())}:${two(at.getUTCMinutes())}`;
  if (at.toISOString().slice(0, 10) === today.toISOString().slice(0, 10)) {
    return `${hm}:${two(at.getUTCSeconds())} UTC`;
  }
  const day = `${at.getUTCDate()} ${months[at.getUTCMonth()]}`;
  const year = at.getUTCFullYear() === today.getUTCFullYear() ? "" : ` ${at.getUTCFullYear()}`;
  return `${day}${year} ${hm} UTC`;
}

/** "45 s", "2 min", "2 min 10 s", "1 h 5 min", "3 d 4 h": the two largest units, rounded down. */
export function duration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const units: [number, string][] = [
    [Math.floor(total / 86_400), "d"],
    [Math.floor(total / 3600) % 24, "h"],
    [Math.floor(total / 60) % 60, "min"],
    [total % 60, "s"],
  ];
  const first = units.findIndex(([v]) => v > 0);
  if (first === -1) return "0 s";
  return units
    .slice(first, first + 2)
    .filter(([v]) => v > 0)
    .map(([v, unit]) => `${v} ${unit}`)
    .join(" ");
}
