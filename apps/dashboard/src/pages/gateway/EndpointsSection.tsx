import {
  Anchor,
  Badge,
  Code,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from "@mantine/core";
import { type ReactNode, useState } from "react";
import { Link } from "react-router";
import { CopyableCode } from "../../components/CopyableCode.tsx";
import {
  apiKeyVariable,
  type ExampleContext,
  type ExampleLanguage,
  type ExampleRequest,
  example,
  exampleLanguages,
  exampleRequests,
  exportKeyLine,
} from "./examples.ts";

const endpoints: { method: "GET" | "POST"; path: string; what: ReactNode }[] = [
  {
    method: "GET",
    path: "/models",
    what: (
      <>
        The models this key may call that a connected node in its regions serves now; one model:{" "}
        <Code>/models/{"{model}"}</Code>.
      </>
    ),
  },
  {
    method: "POST",
    path: "/chat/completions",
    what: (
      <>
        Chat models. JSON, or server-sent events with <Code>stream: true</Code>; with{" "}
        <Code>stream_options.include_usage</Code> the last chunk carries the usage.
      </>
    ),
  },
  {
    method: "POST",
    path: "/embeddings",
    what: <>Embedding models. A string or a list of strings as input.</>,
  },
];

function KeyPlaceholder() {
  return (
    <Anchor
      component={Link}
      to="/customers/keys"
      aria-label="Customer API key: issue one under Customer keys"
    >
      <Code>epk_…</Code>
    </Anchor>
  );
}

/** Base URL, the three endpoints, and requests to copy in curl, Node.js and Python. */
export function EndpointsSection({ ctx }: { ctx: ExampleContext }) {
  const [lang, setLang] = useState<ExampleLanguage>("curl");
  const [req, setReq] = useState<ExampleRequest>("models");
  return (
    <Stack gap="sm" component="section" aria-labelledby="endpoints-title">
      <Stack gap={2}>
        <Title order={2} fz="h3" id="endpoints-title">
          Endpoints
        </Title>
        <Text size="sm" c="dimmed">
          OpenAI-compatible: point an OpenAI SDK or any HTTP client at the base URL and send a
          customer API key.
        </Text>
      </Stack>
      <Paper withBorder p="md" radius="sm">
        <Stack gap="md">
          <Stack gap={4} role="group" aria-label="Base URL">
            <Text size="sm" fw={600}>
              Base URL
            </Text>
            <CopyableCode value={ctx.baseUrl} copyLabel="Copy base URL" testId="gateway-base-url" />
          </Stack>
          <Text size="sm">
            Authentication: <Code>Authorization: Bearer</Code> <KeyPlaceholder /> with a customer
            API key. Keys are issued under{" "}
            <Anchor component={Link} to="/customers/keys">
              Customer keys
            </Anchor>
            , where each key's quota, SLA tier, regions and data residency are set; the secret is
            shown once.
          </Text>
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs" aria-label="Gateway endpoints">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={90}>Method</Table.Th>
                  <Table.Th w={190}>Path</Table.Th>
                  <Table.Th>What it does</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {endpoints.map((e) => (
                  <Table.Tr key={e.path}>
                    <Table.Td>
                      <Badge
                        variant="light"
                        color={e.method === "GET" ? "blue" : "grape"}
                        radius="sm"
                      >
                        {e.method}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Code>/api/v1{e.path}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{e.what}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      </Paper>
      <Paper withBorder p="md" radius="sm">
        <Stack gap="sm">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Title order={3} fz="md">
              Try it
            </Title>
            <SegmentedControl
              size="xs"
              aria-label="Request"
              data={[...exampleRequests]}
              value={req}
              onChange={(v) => setReq(v as ExampleRequest)}
            />
          </Group>
          <Text size="sm" c="dimmed">
            Start with List models: it proves the key works and shows which model IDs this key can
            call. The examples read the key from <Code>{apiKeyVariable}</Code>:
          </Text>
          <CopyableCode value={exportKeyLine()} copyLabel="Copy the export line" />
          <Tabs value={lang} onChange={(v) => setLang((v as ExampleLanguage | null) ?? "curl")}>
            <Tabs.List>
              {exampleLanguages.map((l) => (
                <Tabs.Tab key={l.value} value={l.value}>
                  {l.label}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            {exampleLanguages.map((l) => (
              <Tabs.Panel key={l.value} value={l.value} pt="sm">
                <CopyableCode
                  value={example(l.value, req, ctx)}
                  copyLabel={`Copy the ${l.label} example`}
                  testId={`example-${l.value}`}
                />
              </Tabs.Panel>
            ))}
          </Tabs>
        </Stack>
      </Paper>
    </Stack>
  );
}
