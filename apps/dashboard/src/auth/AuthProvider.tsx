import type { AuthError, Session, SupabaseClient } from "@supabase/supabase-js";
import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, use, useEffect, useMemo, useRef, useState } from "react";
import { type ApiClient, createApiClient } from "../api/client.ts";
import { leaveAuthNotice, removeStoredSession, signOutLocally } from "./clear-stale.ts";
import type { RuntimeConfig } from "./runtime-config.ts";

export interface AuthState {
  config: RuntimeConfig;
  supabase: SupabaseClient;
  storageKey: string;
  api: ApiClient;
  /** False until supabase-js has read storage and any sign-in callback in the URL. */
  ready: boolean;
  session: Session | null;
  /** What went wrong while reading a sign-in callback from the URL, if anything. */
  initError: AuthError | null;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const auth = use(AuthContext);
  if (!auth) throw new Error("useAuth needs <AuthProvider>");
  return auth;
}

interface Props {
  config: RuntimeConfig;
  supabase: SupabaseClient;
  storageKey: string;
  children: ReactNode;
}

export function AuthProvider({ config, supabase, storageKey, children }: Props) {
  const queryClient = useQueryClient();
  const [ready, setReady] = useState(false);
  const [session, setSession] = useState<Session | null>(null);
  const [initError, setInitError] = useState<AuthError | null>(null);
  const endingRef = useRef(false);

  useEffect(() => {
    let active = true;
    void supabase.auth.initialize().then(async ({ error }) => {
      const { data } = await supabase.auth.getSession();
      if (!active) return;
      setInitError(error);
      setSession(data.session);
      setReady(true);
    });
    const { data } = supabase.auth.onAuthStateChange((event, next) => {
      setSession(next);
      if (event === "SIGNED_OUT") queryClient.clear();
    });
    return () => {
      active = false;
      data.subscription.unsubscribe();
    };
  }, [supabase, queryClient]);

  const actions = useMemo(() => {
    /** Ends this browser's session; if the auth server cannot be told, forgets it anyway. */
    async function signOut() {
      if (await signOutLocally(supabase)) removeStoredSession(storageKey);
      queryClient.clear();
      setSession(null);
    }
    const api = createApiClient({
      getAccessToken: async () =>
        (await supabase.auth.getSession()).data.session?.access_token ?? null,
      onUnauthorized: () => {
        if (endingRef.current) return;
        endingRef.current = true;
        leaveAuthNotice("Your session has ended. Sign in again.");
        void signOut().finally(() => {
          endingRef.current = false;
        });
      },
    });
    return { signOut, api };
  }, [supabase, storageKey, queryClient]);

  const value = useMemo<AuthState>(
    () => ({ config, supabase, storageKey, ready, session, initError, ...actions }),
    [config, supabase, storageKey, ready, session, initError, actions],
  );

  return <AuthContext value={value}>{children}</AuthContext>;
}
