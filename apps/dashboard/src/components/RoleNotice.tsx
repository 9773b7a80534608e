import { type Role, roleLabels } from "@edgeplane/contracts";
import { Alert, Text } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";

/** Said instead of a form the member's role may not submit (the server would answer 403). */
export function RoleNotice({ role, action }: { role: Role; action: string }) {
  return (
    <Alert variant="light" color="gray" icon={<IconLock />} title={`Your role cannot ${action}`}>
      <Text size="sm">
        You are {roleLabels[role]} in this organization. Ask an owner or admin to do it, or to
        change your role under Settings.
      </Text>
    </Alert>
  );
}
