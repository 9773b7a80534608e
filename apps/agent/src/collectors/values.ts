/* Range guards: a reading outside what the wire format accepts becomes null, never a 400. */

const finite = (v: number | null | undefined): v is number =>
  typeof v === "number" && Number.isFinite(v);

export function pct(v: number | null | undefined): number | null {
  return finite(v) && v >= 0 && v <= 100 ? v : null;
}

export function nonNeg(v: number | null | undefined): number | null {
  return finite(v) && v >= 0 ? v : null;
}

export function intNonNeg(v: number | null | undefined): number | null {
  return finite(v) && v >= 0 && Number.isSafeInteger(v) ? v : null;
}

export function celsius(v: number | null | undefined): number | null {
  return finite(v) && v >= -50 && v <= 200 ? v : null;
}

export function clip(v: string | null | undefined, max: number): string | null {
  if (v == null) return null;
  const t = v.trim();
  return t === "" ? null : t.slice(0, max);
}

/** Rounds to `digits` decimals so that JSON stays short. */
export function round(v: number | null, digits = 2): number | null {
  if (v === null) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
