import { Button, Stack, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useAuth } from "../../auth/AuthProvider.tsx";
import { authErrorMessage } from "../../auth/auth-messages.ts";

/** The 6-digit code from the same e-mail: sign-in when the link is opened on another device. */
export function CodeForm({ email }: { email: string }) {
  const { supabase } = useAuth();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const token = code.replace(/\s+/g, "");
    if (!/^\d{6}$/.test(token)) {
      setError("Enter the 6 digits from the e-mail.");
      return;
    }
    setError(null);
    setPending(true);
    const { error: failure } = await supabase.auth.verifyOtp({ email, token, type: "email" });
    setPending(false);
    // On success the auth state changes and the login page moves on by itself.
    if (failure) setError(authErrorMessage(failure));
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <TextInput
          label="6-digit code"
          description="On another device? Enter the code from the same e-mail."
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={error}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          placeholder="123456"
        />
        <Button type="submit" loading={pending} variant="light" fullWidth>
          Verify code
        </Button>
      </Stack>
    </form>
  );
}
