import { Code, List, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import {
  gatewayErrors,
  maxInFlightPerNode,
  overheadHeader,
  propagationSeconds,
  saturationWaitSeconds,
} from "./gateway-facts.ts";

function RoutingSteps() {
  return (
    <Paper withBorder p="md" radius="sm">
      <Stack gap="xs">
        <Title order={3} fz="md">
          How a request finds a node
        </Title>
        <List type="ordered" size="sm" spacing={6}>
          <List.Item>
            <b>Candidates</b>: nodes that are online, whose agent holds its tunnel, whose inference
            server lists the model's upstream name, and whose site is in one of the key's regions
            (the customer's, narrowed by the key) and, when data residency is set, in one of its
            countries. Degraded nodes stand in only when no online node qualifies.
          </List.Item>
          <List.Item>
            <b>Choice</b>: the candidate with the fewest requests ahead (this gateway's requests in
            flight plus the queue depth the node reports), weighted by its latency (measured time to
            first byte, else the operator's estimate). Ties are broken at random.
          </List.Item>
          <List.Item>
            <b>Saturated nodes</b>: past {maxInFlightPerNode} requests in flight from one gateway
            replica, requests wait in line, higher SLA tier first (Dedicated, then Priority, then
            Standard), first come first served within a tier. After {saturationWaitSeconds} s of
            waiting: 503 <Code>no_capacity_in_region</Code>.
          </List.Item>
          <List.Item>
            <b>Failover</b>: if the node cannot be reached, cuts its answer or answers 5xx before
            the first byte reaches the customer, the request is retried once on another candidate.
            After the first byte there is no retry: a cut stream ends.
          </List.Item>
          <List.Item>
            <b>Residency</b>: no candidate means 503 <Code>no_capacity_in_region</Code>. A request
            is never sent outside the key's regions and residency, even when a node elsewhere is
            idle.
          </List.Item>
        </List>
        <Text size="xs" c="dimmed">
          Catalogue edits and node state changes reach every gateway replica within{" "}
          {propagationSeconds} s. GET /models lists only what this routing could serve now, so an
          empty list with a valid key means no node in the key's regions serves its models.
        </Text>
      </Stack>
    </Paper>
  );
}

function LimitsAndHeaders() {
  return (
    <Paper withBorder p="md" radius="sm">
      <Stack gap="xs">
        <Title order={3} fz="md">
          Limits per key
        </Title>
        <List size="sm" spacing={6}>
          <List.Item>
            <b>Requests per minute</b> and <b>tokens per minute</b>: buckets that refill
            continuously. Tokens are charged on an estimate of the prompt, then settled with the
            real usage. Over the limit: 429 <Code>rate_limit_exceeded</Code> with{" "}
            <Code>Retry-After</Code> in seconds. Counted per gateway replica: behind a load balancer
            with N replicas a key can reach up to N times its limits.
          </List.Item>
          <List.Item>
            <b>Monthly token budget</b> (UTC calendar month): when used up, 429{" "}
            <Code>insufficient_quota</Code> until the budget is raised or the month turns. Usage
            from other replicas shows within seconds, so a budget can be overrun by what is served
            in that window.
          </List.Item>
          <List.Item>
            <b>Allowed models</b>, <b>regions</b> and <b>data residency</b> narrow what the key can
            call and where it is served.
          </List.Item>
        </List>
        <Title order={3} fz="md" mt="xs">
          Response headers
        </Title>
        <List size="sm" spacing={6}>
          <List.Item>
            <Code>x-request-id</Code> on every response. A client may send its own (letters, digits,{" "}
            <Code>. _ : -</Code>, up to 128) and gets it back. Quote it to support.
          </List.Item>
          <List.Item>
            <Code>{overheadHeader}</Code> on chat and embedding answers: the milliseconds the
            gateway added, time waiting on the node excluded.
          </List.Item>
        </List>
        <Text size="xs" c="dimmed">
          Errors use OpenAI's shape:{" "}
          <Code>{'{"error": {"message", "type", "param", "code"}}'}</Code>.
        </Text>
      </Stack>
    </Paper>
  );
}

function ErrorTable() {
  return (
    <Paper withBorder radius="sm">
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="xs" aria-label="Gateway errors">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={90}>Status</Table.Th>
              <Table.Th w={220}>Code</Table.Th>
              <Table.Th>When</Table.Th>
              <Table.Th>What the customer does</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {gatewayErrors.map((e) => (
              <Table.Tr key={`${e.status}:${e.code}`}>
                <Table.Td>{e.status}</Table.Td>
                <Table.Td>
                  <Code style={{ whiteSpace: "normal" }}>{e.code}</Code>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{e.when}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{e.remedy}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** Routing, limits, headers and errors as the gateway implements them. */
export function RoutingSection() {
  return (
    <Stack gap="sm" component="section" aria-labelledby="routing-title">
      <Stack gap={2}>
        <Title order={2} fz="h3" id="routing-title">
          Routing and limits
        </Title>
        <Text size="sm" c="dimmed">
          What the gateway does with each request, and the errors a customer can meet, in the order
          it checks them.
        </Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <RoutingSteps />
        <LimitsAndHeaders />
      </SimpleGrid>
      <ErrorTable />
    </Stack>
  );
}
