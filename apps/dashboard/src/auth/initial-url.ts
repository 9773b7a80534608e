// Read once, when the bundle loads: supabase-js and the login page rewrite the URL later.
const initialUrl = new URL(window.location.href);
let callbackPending = ["code", "access_token", "error", "error_code", "error_description"].some(
  (k) => initialUrl.searchParams.has(k) || new URLSearchParams(initialUrl.hash.slice(1)).has(k),
);

/** True once if the page was opened by a sign-in redirect (magic link, OAuth). */
export function takeAuthCallbackFlag(): boolean {
  const pending = callbackPending;
  callbackPending = false;
  return pending;
}
