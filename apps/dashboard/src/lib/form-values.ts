/* Mantine inputs hold "" for an empty field; the API wants a number, null or nothing. */

/** A NumberInput's value as a number; undefined when empty, NaN when not a number. */
export function numberOrUndefined(value: number | string): number | undefined {
  if (typeof value === "number") return value;
  if (value.trim() === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : Number.NaN;
}

/** The same for fields the API clears with null. */
export function numberOrNull(value: number | string): number | null {
  return numberOrUndefined(value) ?? null;
}

export function isBlank(value: number | string | null | undefined): boolean {
  return value === null || value === undefined || String(value).trim() === "";
}
