import { Button, Stack, Text } from "@mantine/core";
import { IconBrandGithub, IconBrandGoogle } from "@tabler/icons-react";
import { useState } from "react";
import { useAuth } from "../../auth/AuthProvider.tsx";
import { authErrorMessage } from "../../auth/auth-messages.ts";

type Provider = "google" | "github";

const providers: { id: Provider; label: string; name: string; icon: typeof IconBrandGithub }[] = [
  { id: "google", label: "Continue with Google", name: "Google", icon: IconBrandGoogle },
  { id: "github", label: "Continue with GitHub", name: "GitHub", icon: IconBrandGithub },
];

const hintId = "oauth-not-configured";

/** OAuth sign-in; a provider without credentials on this server is shown, disabled, with why. */
export function OAuthButtons({ onError }: { onError: (message: string) => void }) {
  const { supabase, config } = useAuth();
  const [pending, setPending] = useState<Provider | null>(null);
  const missing = providers.filter((p) => !config.providers[p.id]);
  const start = async (provider: Provider) => {
    setPending(provider);
    const { error } = await supabase.auth.signInWithOAuth({
      provider,
      options: { redirectTo: `${window.location.origin}/login` },
    });
    // On success the browser is already leaving for the provider.
    if (error) {
      setPending(null);
      onError(authErrorMessage(error));
    }
  };
  return (
    <Stack gap="xs">
      {providers.map((p) => {
        const Icon = p.icon;
        const enabled = config.providers[p.id];
        return (
          <Button
            key={p.id}
            variant="default"
            fullWidth
            leftSection={<Icon size={18} aria-hidden />}
            disabled={!enabled}
            loading={pending === p.id}
            onClick={() => void start(p.id)}
            aria-describedby={enabled ? undefined : hintId}
          >
            {p.label}
          </Button>
        );
      })}
      {missing.length > 0 && (
        <Text id={hintId} size="xs" c="dimmed" ta="center">
          {missing.length === providers.length
            ? "Not configured on this server"
            : `${missing.map((p) => p.name).join(", ")}: Not configured on this server`}
        </Text>
      )}
    </Stack>
  );
}
