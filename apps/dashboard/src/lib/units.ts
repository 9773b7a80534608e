/* Numbers with their units, in the viewer's locale (tests pin one). */

function format(value: number, maxFractionDigits: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: maxFractionDigits }).format(value);
}

export function formatKw(kw: number, locale?: string): string {
  return `${format(kw, Math.abs(kw) < 10 ? 2 : 1, locale)} kW`;
}

export function formatW(w: number, locale?: string): string {
  return `${format(w, 0, locale)} W`;
}

/** "—" for a latency nobody has estimated. */
export function formatMs(ms: number | null, locale?: string): string {
  return ms === null ? "—" : `${format(ms, 1, locale)} ms`;
}

export function formatEnergyPrice(
  price: number | null,
  currency: string | null,
  locale?: string,
): string {
  if (price === null) return "—";
  return `${format(price, 4, locale)} ${currency ?? ""}/kWh`.replace(" /", "/");
}
