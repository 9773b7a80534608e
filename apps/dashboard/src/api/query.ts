/** A query string from filters, leaving out empty ones so the server applies no filter. */
export function toQuery(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    const text = String(value).trim();
    if (text !== "") q.set(key, text);
  }
  return q.toString();
}
