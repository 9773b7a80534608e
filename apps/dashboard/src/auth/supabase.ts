import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import type { RuntimeConfig } from "./runtime-config.ts";

/**
 * supabase-js's own default key (`sb-<first host label>-auth-token`), named explicitly so
 * that "Clear stale session" deletes exactly what the client stores.
 */
export function authStorageKey(supabaseUrl: string): string {
  return `sb-${new URL(supabaseUrl).hostname.split(".")[0]}-auth-token`;
}

/** The one auth client of the app. PKCE, because links then only work where they were asked for. */
export function createSupabase(config: RuntimeConfig): {
  supabase: SupabaseClient;
  storageKey: string;
} {
  const storageKey = authStorageKey(config.supabaseUrl);
  const supabase = createClient(config.supabaseUrl, config.supabaseAnonKey, {
    auth: {
      flowType: "pkce",
      detectSessionInUrl: true,
      persistSession: true,
      autoRefreshToken: true,
      storageKey,
    },
  });
  return { supabase, storageKey };
}
