import { useSearchParams } from "react-router";

/** A list's filters, kept in the URL so a reload or a shared link shows the same rows. */
export function useFilterParams<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(keys.map((k) => [k, params.get(k)])) as Record<
    K,
    string | null
  >;
  const set = (key: K, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const clear = () =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const k of keys) next.delete(k);
        return next;
      },
      { replace: true },
    );
  return { values, set, clear, active: keys.some((k) => values[k]) };
}

/** A URL value the server accepts for an enum filter, else none (a typo must not be a 400). */
export function oneOf<T extends string>(allowed: readonly T[], value: string | null): T | null {
  return (allowed as readonly string[]).includes(value ?? "") ? (value as T) : null;
}
