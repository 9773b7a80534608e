import { emailSchema } from "@edgeplane/contracts";
import { Alert, Anchor, Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { IconAlertCircle, IconMailCheck } from "@tabler/icons-react";
import { type FormEvent, useEffect, useState } from "react";
import { useAuth } from "../../auth/AuthProvider.tsx";
import { authErrorMessage } from "../../auth/auth-messages.ts";
import { CodeForm } from "./CodeForm.tsx";

/** Magic link (PKCE: works in this browser) plus the 6-digit code for other devices. */
/** The server allows one e-mail a minute per address; asking sooner only earns a 429. */
const resendAfterMs = 60_000;

function useCountdown(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.min(60, Math.max(0, Math.ceil((until - now) / 1000)));
}

export function EmailSignIn({ onSent }: { onSent?: () => void }) {
  const { supabase, storageKey } = useAuth();
  const [resendAt, setResendAt] = useState<number | null>(null);
  const wait = useCountdown(resendAt);
  const [email, setEmail] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const send = async (address: string) => {
    setError(null);
    setPending(true);
    // A failed request makes supabase-js drop the stored PKCE verifier, which would also
    // break the link already sent; keep it so that link still signs in here.
    const verifierKey = `${storageKey}-code-verifier`;
    const previous = localStorage.getItem(verifierKey);
    const { error: failure } = await supabase.auth.signInWithOtp({
      email: address,
      options: { emailRedirectTo: `${window.location.origin}/login` },
    });
    setPending(false);
    if (failure) {
      if (previous !== null && localStorage.getItem(verifierKey) === null) {
        localStorage.setItem(verifierKey, previous);
      }
      setError(authErrorMessage(failure));
      return;
    }
    setSentTo(address);
    onSent?.();
    setResendAt(Date.now() + resendAfterMs);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = emailSchema.safeParse(email);
    if (!parsed.success) {
      setFieldError(parsed.error.issues[0]?.message ?? "Enter your e-mail address");
      return;
    }
    setFieldError(null);
    void send(parsed.data);
  };

  if (sentTo) {
    return (
      <Stack gap="md">
        <Alert color="teal" variant="light" icon={<IconMailCheck />} title="Check your inbox">
          <Text size="sm">
            We sent a sign-in link to <b>{sentTo}</b>. Open it in this browser to sign in; only the
            newest link works.
          </Text>
        </Alert>
        <CodeForm email={sentTo} />
        {error && <RequestError message={error} />}
        <Group justify="space-between" gap="xs">
          <Anchor component="button" type="button" size="sm" onClick={() => setSentTo(null)}>
            Use a different e-mail
          </Anchor>
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => void send(sentTo)}
            disabled={pending || wait > 0}
            c={wait > 0 ? "dimmed" : undefined}
          >
            {wait > 0 ? `Send a new link in ${wait} s` : "Send a new link"}
          </Anchor>
        </Group>
      </Stack>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <TextInput
          label="Work email"
          type="email"
          autoComplete="email"
          placeholder="you@company.com"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={fieldError}
          required
        />
        {error && <RequestError message={error} />}
        <Button type="submit" loading={pending} fullWidth>
          Send magic link
        </Button>
      </Stack>
    </form>
  );
}

function RequestError({ message }: { message: string }) {
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle />} p="xs">
      <Text size="sm">{message}</Text>
    </Alert>
  );
}
