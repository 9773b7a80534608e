import { isApiError } from "../api/client.ts";

/**
 * Puts the server's field errors (`errors: [{path, message}]`) on the form's fields.
 * Returns true when every error found a field, so no separate alert is needed.
 */
export function applyFieldErrors(
  form: { setFieldError: (path: string, message: string) => void },
  fields: readonly string[],
  error: unknown,
): boolean {
  if (!isApiError(error) || error.fieldErrors.length === 0) return false;
  let all = true;
  for (const e of error.fieldErrors) {
    if (fields.includes(e.path)) form.setFieldError(e.path, e.message);
    else all = false;
  }
  return all;
}
