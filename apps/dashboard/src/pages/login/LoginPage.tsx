import {
  Alert,
  Box,
  Button,
  Center,
  Divider,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { IconAlertCircle, IconInfoCircle, IconStack2 } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";
import { Navigate } from "react-router";
import { useMe } from "../../api/account.ts";
import { useAuth } from "../../auth/AuthProvider.tsx";
import {
  authErrorMessage,
  callbackErrorFromUrl,
  otherBrowserMessage,
  strandedCodeInUrl,
} from "../../auth/auth-messages.ts";
import { takeAuthNotice } from "../../auth/clear-stale.ts";
import { takeAuthCallbackFlag } from "../../auth/initial-url.ts";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { ColorSchemeToggle } from "../../shell/ColorSchemeToggle.tsx";
import { ClearStaleSession } from "./ClearStaleSession.tsx";
import { EmailSignIn } from "./EmailSignIn.tsx";
import { OAuthButtons } from "./OAuthButtons.tsx";

/** What came back in the URL from the auth server, read once supabase-js has looked at it. */
function useCallbackError(): [string | null, (m: string | null) => void] {
  const { ready, session, initError } = useAuth();
  const [message, setMessage] = useState<string | null>(null);
  const read = useRef(false);
  useEffect(() => {
    if (!ready || read.current) return;
    read.current = true;
    const href = window.location.href;
    const found =
      callbackErrorFromUrl(href) ??
      (initError ? authErrorMessage(initError) : null) ??
      (!session && strandedCodeInUrl(href) ? otherBrowserMessage : null);
    if (found) setMessage(found);
    const url = new URL(href);
    if (url.search || url.hash) window.history.replaceState(window.history.state, "", "/login");
  }, [ready, initError, session]);
  return [message, setMessage];
}

/**
 * Whether this visit is a sign-in (so a session means "move on") rather than a signed-in
 * person opening /login on purpose, e.g. to clear a stale session.
 */
function useSigningIn(): boolean | null {
  const { ready, session } = useAuth();
  const decided = useRef<boolean | null>(null);
  const [signingIn, setSigningIn] = useState<boolean | null>(null);
  useEffect(() => {
    if (!ready || decided.current !== null) return;
    const callback = takeAuthCallbackFlag();
    decided.current = session === null || callback;
    setSigningIn(decided.current);
  }, [ready, session]);
  return signingIn;
}

export function LoginPage() {
  const { ready, session, config } = useAuth();
  const [error, setError] = useCallbackError();
  const signingIn = useSigningIn();
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    const n = takeAuthNotice();
    if (n) setNotice(n);
  }, []);

  return (
    <Box mih="100vh" p="md" bg="var(--mantine-color-body)">
      <Group justify="flex-end">
        <ColorSchemeToggle />
      </Group>
      <Center mt={{ base: "md", sm: 60 }}>
        <Paper withBorder shadow="sm" radius="md" p="xl" w="100%" maw={420}>
          <Stack gap="lg">
            <Stack gap={6} align="center">
              <IconStack2 size={32} color="var(--mantine-primary-color-filled)" aria-hidden />
              <Title order={1} fz="h3" ta="center">
                Sign in to Edgeplane
              </Title>
              <Text size="sm" c="dimmed" ta="center">
                The control plane of your edge inference network.
              </Text>
            </Stack>
            {notice && (
              <Alert
                variant="light"
                icon={<IconInfoCircle />}
                onClose={() => setNotice(null)}
                withCloseButton
                closeButtonLabel="Dismiss"
              >
                {notice}
              </Alert>
            )}
            {error && (
              <Alert
                color="red"
                variant="light"
                icon={<IconAlertCircle />}
                role="alert"
                withCloseButton
                closeButtonLabel="Dismiss"
                onClose={() => setError(null)}
              >
                {error}
              </Alert>
            )}
            {!ready ? (
              <SlowLoader />
            ) : session ? (
              signingIn ? (
                <SignedIn />
              ) : (
                <AlreadySignedIn email={session.user.email ?? ""} />
              )
            ) : (
              <>
                <OAuthButtons onError={setError} />
                <Divider label="or" labelPosition="center" />
                {config.providers.email ? (
                  <EmailSignIn onSent={() => setError(null)} />
                ) : (
                  <Text size="sm" c="dimmed">
                    E-mail sign-in is not configured on this server.
                  </Text>
                )}
              </>
            )}
            <Divider />
            <ClearStaleSession />
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}

/** Reading the stored session can hang when the auth server is down; say what to do. */
function SlowLoader() {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), 5000);
    return () => clearTimeout(timer);
  }, []);
  return (
    <Stack align="center" gap="xs" py="lg">
      <Loader aria-label="Checking your stored session" />
      {slow && (
        <Text size="sm" c="dimmed" ta="center">
          Still checking the session stored in this browser. If this does not finish, use Clear
          stale session below.
        </Text>
      )}
    </Stack>
  );
}

function AlreadySignedIn({ email }: { email: string }) {
  const { signOut } = useAuth();
  const [go, setGo] = useState(false);
  if (go) return <SignedIn />;
  return (
    <Stack gap="sm">
      <Text size="sm" ta="center">
        You are signed in as <b>{email}</b>.
      </Text>
      <Group grow gap="sm">
        <Button onClick={() => setGo(true)}>Continue</Button>
        <Button variant="default" onClick={() => void signOut()}>
          Sign out
        </Button>
      </Group>
    </Stack>
  );
}

/** Signed in: without an organization the next stop is onboarding, else Getting started. */
function SignedIn() {
  const me = useMe();
  if (me.isSuccess) {
    return <Navigate to={me.data.memberships.length > 0 ? "/" : "/onboarding"} replace />;
  }
  if (me.isError) {
    return (
      <ProblemAlert
        error={me.error}
        title="Signed in, but your account could not be loaded"
        onRetry={() => void me.refetch()}
      />
    );
  }
  return (
    <Group justify="center" gap="xs" py="md">
      <Loader size="sm" aria-hidden />
      <Text size="sm">Signing you in…</Text>
    </Group>
  );
}
