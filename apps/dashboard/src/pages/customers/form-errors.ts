import { isApiError } from "../../api/client.ts";

/** The form field an error path belongs to: "dataResidency.0" is the dataResidency list's. */
export function fieldOf(path: string, fields: readonly string[]): string | undefined {
  return fields.find((f) => path === f || path.startsWith(`${f}.`));
}

/** Errors merged onto their fields; several messages on one list join up. */
export function byField(
  errors: Iterable<readonly [string, unknown]>,
  fields: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of errors) {
    const field = fieldOf(path, fields) ?? path;
    const text = String(message);
    const before = out[field];
    out[field] = before && before !== text ? `${before}; ${text}` : text;
  }
  return out;
}

/**
 * Puts the server's field errors on the form, list entries on their list's field. Returns true
 * when every error found a field, so no separate alert is needed.
 */
export function applyListFieldErrors(
  form: { setFieldError: (path: string, message: string) => void },
  fields: readonly string[],
  error: unknown,
): boolean {
  if (!isApiError(error) || error.fieldErrors.length === 0) return false;
  const known = error.fieldErrors.filter((e) => fieldOf(e.path, fields) !== undefined);
  const merged = byField(
    known.map((e) => [e.path, e.message] as const),
    fields,
  );
  for (const [field, message] of Object.entries(merged)) form.setFieldError(field, message);
  return known.length === error.fieldErrors.length;
}
