import { Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

interface Props {
  title: string;
  purpose: ReactNode;
  /** The page's primary action, if it has one. */
  action?: ReactNode;
}

/** Every page starts with its title, a one-line purpose and its primary action. */
export function PageHeader({ title, purpose, action }: Props) {
  return (
    <Group justify="space-between" align="flex-start" mb="lg" wrap="wrap" gap="sm">
      <Stack gap={4}>
        <Title order={1} fz="h2">
          {title}
        </Title>
        <Text c="dimmed" size="sm">
          {purpose}
        </Text>
      </Stack>
      {action}
    </Group>
  );
}
