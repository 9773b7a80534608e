/* Shared by the site, node and node-key lists: keyset pages over time-sortable ids. */

/** Escapes LIKE wildcards so a search for "50%_off" matches those characters literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `%value%` with the value's own wildcards escaped (backslash is Postgres' default escape). */
export function containsPattern(value: string): string {
  return `%${escapeLike(value)}%`;
}

export interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

/** Rows were fetched with `limit + 1`: the extra row only says whether a next page exists. */
export function toPage<R extends { id: string }, T>(
  rows: R[],
  limit: number,
  total: number,
  view: (row: R) => T,
): Page<T> {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(view),
    total,
    nextCursor: rows.length > limit && last ? last.id : null,
  };
}
