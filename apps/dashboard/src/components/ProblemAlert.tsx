import { ActionIcon, Alert, Button, Code, CopyButton, Group, Text, Tooltip } from "@mantine/core";
import { IconAlertCircle, IconCheck, IconCopy } from "@tabler/icons-react";
import { isApiError } from "../api/client.ts";

interface Props {
  error: unknown;
  /** What was being attempted, e.g. "Could not load members". */
  title?: string;
  onRetry?: () => void;
  onClose?: () => void;
}

/** The error state of every list and action: the problem's detail and its request id. */
export function ProblemAlert({ error, title, onRetry, onClose }: Props) {
  const problem = isApiError(error) ? error.problem : null;
  const detail = problem?.detail ?? (error instanceof Error ? error.message : String(error));
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertCircle />}
      title={title ?? problem?.title ?? "Something went wrong"}
      withCloseButton={onClose !== undefined}
      closeButtonLabel="Dismiss"
      onClose={onClose}
      role="alert"
    >
      <Text size="sm">{detail}</Text>
      {problem?.errors?.map((e) => (
        <Text size="sm" key={`${e.path}:${e.message}`}>
          {e.path}: {e.message}
        </Text>
      ))}
      <Group gap="xs" mt="xs">
        {problem && problem.requestId !== "none" && <RequestId id={problem.requestId} />}
        {onRetry && (
          <Button size="compact-xs" variant="default" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Group>
    </Alert>
  );
}

function RequestId({ id }: { id: string }) {
  return (
    <Group gap={4}>
      <Text size="xs" c="dimmed">
        Request ID
      </Text>
      <Code>{id}</Code>
      <CopyButton value={id}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? "Copied" : "Copy request ID"} withArrow>
            <ActionIcon
              size="sm"
              variant="subtle"
              color={copied ? "teal" : "gray"}
              onClick={copy}
              aria-label="Copy request ID"
            >
              {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
