import { Button, Group, Text } from "@mantine/core";
import { IconEraser } from "@tabler/icons-react";
import { useState } from "react";
import { useAuth } from "../../auth/AuthProvider.tsx";
import { clearStaleSession } from "../../auth/clear-stale.ts";

/** Always on /login: the runbook's way out when sign-in behaves strangely. */
export function ClearStaleSession() {
  const { supabase, storageKey } = useAuth();
  const [pending, setPending] = useState(false);
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text size="xs" c="dimmed">
        Sign-in behaving strangely? Forget this browser's stored session and start over.
      </Text>
      <Button
        variant="subtle"
        size="xs"
        color="gray"
        leftSection={<IconEraser size={14} aria-hidden />}
        loading={pending}
        onClick={() => {
          setPending(true);
          void clearStaleSession(supabase, storageKey);
        }}
        style={{ flexShrink: 0 }}
      >
        Clear stale session
      </Button>
    </Group>
  );
}
