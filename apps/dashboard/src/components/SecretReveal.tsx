import { Alert, Code, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { agentEnvironment, keyFileCommands } from "../lib/agent-config.ts";
import { CopyableCode } from "./CopyableCode.tsx";

interface Props {
  secret: string;
  /** The stored prefix, for recognising the key in lists later. */
  start: string;
}

/**
 * A node key's secret, shown this once, with the agent configuration around it. It lives only
 * in the caller's component state: leaving the page forgets it.
 */
export function SecretReveal({ secret, start }: Props) {
  const origin = window.location.origin;
  return (
    <Stack gap="md">
      <Alert
        color="yellow"
        variant="light"
        icon={<IconAlertTriangle />}
        title="Copy the secret now: it will not be shown again"
      >
        <Text size="sm">
          Edgeplane stores only a secure hash of it and its prefix{" "}
          <Code data-testid="node-key-start">{start}</Code>. Store it in the node agent's key file
          or your secret manager; if it is lost, generate a new key.
        </Text>
      </Alert>
      <div>
        <Text size="sm" fw={600} mb={4}>
          Node API key secret
        </Text>
        <CopyableCode value={secret} copyLabel="Copy secret" testId="node-key-secret" />
      </div>
      <div>
        <Title order={3} fz="sm" mb={4}>
          Agent configuration (key file, recommended)
        </Title>
        <CopyableCode value={keyFileCommands(origin)} copyLabel="Copy agent commands" />
      </div>
      <div>
        <Title order={3} fz="sm" mb={4}>
          Or as environment variables (secret manager, systemd EnvironmentFile)
        </Title>
        <CopyableCode value={agentEnvironment(origin, secret)} copyLabel="Copy environment" />
      </div>
    </Stack>
  );
}
