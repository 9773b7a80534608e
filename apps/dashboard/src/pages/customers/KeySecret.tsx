import { Alert, Button, Code, Group, Modal, Stack, Tabs, Text, Title } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import type { ReactNode } from "react";
import type { IssuedCustomerKey } from "../../api/customers.ts";
import { useModelOptions } from "../../api/customers.ts";
import { CopyableCode } from "../../components/CopyableCode.tsx";
import {
  curlSnippet,
  exampleModel,
  gatewayBaseUrl,
  nodeSnippet,
  pythonSnippet,
} from "./snippets.ts";

/**
 * A customer key's secret, shown this once, with calls that work as pasted. It lives only in the
 * caller's component state: closing the dialog forgets it.
 */
function KeySecret({ orgId, issued }: { orgId: string; issued: IssuedCustomerKey }) {
  const catalogue = useModelOptions(orgId);
  const base = gatewayBaseUrl(window.location.origin);
  const model = exampleModel(issued.key.models, catalogue.data?.items ?? []);
  const { secret } = issued;
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
          <Code data-testid="customer-key-start">{issued.key.start}</Code>. Hand it to{" "}
          {issued.key.customer.name} through a secret manager or another secure channel; if it is
          lost, rotate the key.
        </Text>
      </Alert>
      <div>
        <Text size="sm" fw={600} mb={4}>
          Customer API key secret
        </Text>
        <CopyableCode value={secret} copyLabel="Copy secret" testId="customer-key-secret" />
      </div>
      <div>
        <Text size="sm" fw={600} mb={4}>
          Base URL (OpenAI-compatible)
        </Text>
        <CopyableCode value={base} copyLabel="Copy base URL" testId="gateway-base-url" />
      </div>
      <div>
        <Title order={3} fz="sm" mb={4}>
          Try it: list the models first, then a chat completion
        </Title>
        <Tabs defaultValue="curl" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="curl">curl</Tabs.Tab>
            <Tabs.Tab value="python">Python (openai)</Tabs.Tab>
            <Tabs.Tab value="node">Node.js (openai)</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="curl" pt="xs">
            <CopyableCode
              value={curlSnippet(base, secret, model)}
              copyLabel="Copy curl snippet"
              testId="customer-key-curl"
            />
          </Tabs.Panel>
          <Tabs.Panel value="python" pt="xs">
            <CopyableCode
              value={pythonSnippet(base, secret, model)}
              copyLabel="Copy Python snippet"
              testId="customer-key-python"
            />
          </Tabs.Panel>
          <Tabs.Panel value="node" pt="xs">
            <CopyableCode
              value={nodeSnippet(base, secret, model)}
              copyLabel="Copy Node.js snippet"
              testId="customer-key-node"
            />
          </Tabs.Panel>
        </Tabs>
      </div>
    </Stack>
  );
}

interface Props {
  orgId: string;
  title: string;
  /** Until a key is issued: the form that issues it. */
  form: ReactNode;
  issued: IssuedCustomerKey | null;
  /** Shown above the secret, e.g. when the old key stops working. */
  note?: ReactNode;
  onClose: () => void;
}

/** Issues a key, then shows its secret once; a click outside cannot throw the secret away. */
export function KeySecretModal({ orgId, title, form, issued, note, onClose }: Props) {
  return (
    <Modal
      opened
      onClose={onClose}
      title={issued ? `New key for ${issued.key.customer.name}` : title}
      size="xl"
      centered
      closeOnClickOutside={issued === null}
      closeOnEscape={issued === null}
      withCloseButton={issued === null}
    >
      {issued ? (
        <Stack gap="md">
          {note}
          <KeySecret orgId={orgId} issued={issued} />
          <Group justify="flex-end">
            <Button onClick={onClose}>I have stored the secret</Button>
          </Group>
        </Stack>
      ) : (
        form
      )}
    </Modal>
  );
}
