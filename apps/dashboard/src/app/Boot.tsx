import { Alert, Button, Center, Loader, MantineProvider, Stack, Text } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import type { SupabaseClient } from "@supabase/supabase-js";
import { QueryClientProvider } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { BrowserRouter } from "react-router";
import { AuthProvider } from "../auth/AuthProvider.tsx";
import { loadRuntimeConfig, type RuntimeConfig } from "../auth/runtime-config.ts";
import { createSupabase } from "../auth/supabase.ts";
import { AppRoutes } from "./AppRoutes.tsx";
import { createQueryClient } from "./query-client.ts";
import { theme } from "./theme.ts";

interface Ready {
  config: RuntimeConfig;
  supabase: SupabaseClient;
  storageKey: string;
}

const queryClient = createQueryClient();

/** Loads the runtime configuration, creates the one auth client, then renders the app. */
export function Boot() {
  const [ready, setReady] = useState<Ready | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    setError(null);
    loadRuntimeConfig().then(
      (config) => setReady({ config, ...createSupabase(config) }),
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    );
  }, []);
  useEffect(load, [load]);

  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <Notifications position="bottom-right" />
      {ready ? (
        <QueryClientProvider client={queryClient}>
          <AuthProvider {...ready}>
            <BrowserRouter>
              <AppRoutes />
            </BrowserRouter>
          </AuthProvider>
        </QueryClientProvider>
      ) : (
        <Center mih="100vh" p="md">
          {error ? <BootError message={error} onRetry={load} /> : <Loader aria-label="Loading" />}
        </Center>
      )}
    </MantineProvider>
  );
}

function BootError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <Alert color="red" title="Edgeplane could not start" maw={480} role="alert">
      <Stack gap="xs">
        <Text size="sm">The dashboard could not read its configuration from the server.</Text>
        <Text size="sm" c="dimmed">
          {message}
        </Text>
        <Button variant="default" size="xs" onClick={onRetry} w="fit-content">
          Try again
        </Button>
      </Stack>
    </Alert>
  );
}
