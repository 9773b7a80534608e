import type { SupabaseClient } from "@supabase/supabase-js";

const noticeKey = "edgeplane:auth-notice";
const signOutWaitMs = 3000;

function storedKeys(storageKey: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (k?.startsWith(storageKey)) keys.push(k);
  }
  return keys;
}

/** Removes every stored auth entry (`<key>`, `<key>-code-verifier`, `<key>-user`, …). */
export function removeStoredSession(storageKey: string): number {
  const keys = storedKeys(storageKey);
  for (const k of keys) localStorage.removeItem(k);
  return keys.length;
}

/**
 * `signOut({scope: "local"})`, bounded: a refresh stuck on an unreachable auth server holds
 * supabase-js's lock, and the person asked to leave now. Says what happened, in words.
 */
export async function signOutLocally(supabase: SupabaseClient): Promise<string | null> {
  try {
    const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), signOutWaitMs));
    const result = await Promise.race([supabase.auth.signOut({ scope: "local" }), timeout]);
    if (result === "timeout") return "got no answer from the sign-in service";
    if (result.error) return `could not tell the sign-in service (${result.error.message})`;
    return null;
  } catch (err) {
    return `could not tell the sign-in service (${String(err)})`;
  }
}

/**
 * The wire spec's recipe (§4): a local sign-out alone keeps the stored session when the auth
 * server is down or answers 5xx, so delete the keys too, then reload to drop in-memory state.
 */
export async function clearStaleSession(supabase: SupabaseClient, storageKey: string) {
  const found = storedKeys(storageKey).length;
  const problem = await signOutLocally(supabase);
  removeStoredSession(storageKey);
  const entries = `${found} stored sign-in ${found === 1 ? "entry" : "entries"}`;
  sessionStorage.setItem(
    noticeKey,
    `Cleared the stale session: ${problem ?? "signed this browser out"}, deleted ${entries} ` +
      `(${storageKey}*) and reloaded the page. Sign in again.`,
  );
  window.location.reload();
}

/** A notice left for the page after a reload (read once). */
export function takeAuthNotice(): string | null {
  const notice = sessionStorage.getItem(noticeKey);
  if (notice) sessionStorage.removeItem(noticeKey);
  return notice;
}

export function leaveAuthNotice(text: string) {
  sessionStorage.setItem(noticeKey, text);
}
