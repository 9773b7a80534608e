import { Anchor, Code, List, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { slaRows, supportRows } from "./sla-words.ts";

/** The contracts' SLA targets and support tiers, and what a customer sends when something breaks. */
export function SupportSection() {
  const sla = slaRows();
  return (
    <Stack gap="sm" component="section" aria-labelledby="sla-title">
      <Stack gap={2}>
        <Title order={2} fz="h3" id="sla-title">
          SLA tiers and support
        </Title>
        <Text size="sm" c="dimmed">
          Each customer has an SLA tier and a support tier, set on the customer under{" "}
          <Anchor component={Link} to="/customers/keys" size="sm">
            Customer keys
          </Anchor>
          . Targets are first-response times by severity.
        </Text>
      </Stack>
      <Paper withBorder radius="sm">
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs" aria-label="SLA tiers">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>SLA tier</Table.Th>
                <Table.Th ta="right">Availability</Table.Th>
                <Table.Th ta="right">Critical</Table.Th>
                <Table.Th ta="right">Impaired</Table.Th>
                <Table.Th ta="right">Minor</Table.Th>
                <Table.Th ta="right">Question</Table.Th>
                <Table.Th>Coverage</Table.Th>
                <Table.Th>On a saturated node</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sla.map((r) => (
                <Table.Tr key={r.tier}>
                  <Table.Td fw={600}>{r.label}</Table.Td>
                  <Table.Td ta="right">{r.availability}</Table.Td>
                  <Table.Td ta="right">{r.critical}</Table.Td>
                  <Table.Td ta="right">{r.impaired}</Table.Td>
                  <Table.Td ta="right">{r.minor}</Table.Td>
                  <Table.Td ta="right">{r.question}</Table.Td>
                  <Table.Td>{r.coverage}</Table.Td>
                  <Table.Td>Served {r.queue}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="md" radius="sm">
          <Stack gap="xs">
            <Title order={3} fz="md">
              Escalation path
            </Title>
            <Table verticalSpacing={6} aria-label="Support tiers">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Support tier</Table.Th>
                  <Table.Th>Who responds</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {supportRows().map((r) => (
                  <Table.Tr key={r.tier}>
                    <Table.Td fw={600}>{r.name}</Table.Td>
                    <Table.Td>{r.responds}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Text size="sm">
              L1 triages, L2 investigates, L3 is engineering; beyond L3 a case goes to the vendor of
              the inference server or hardware. The support tier sets the channel and how far up a
              case is taken; first-response times follow the customer's SLA tier above. The people
              who own each level are named under{" "}
              <Anchor component={Link} to="/support" size="sm">
                Support
              </Anchor>{" "}
              (runbook step 08).
            </Text>
          </Stack>
        </Paper>
        <Paper withBorder p="md" radius="sm">
          <Stack gap="xs">
            <Title order={3} fz="md">
              What a customer sends with a ticket
            </Title>
            <List size="sm" spacing={4}>
              <List.Item>
                The <Code>x-request-id</Code> of the failed response (every response has one)
              </List.Item>
              <List.Item>
                The key's prefix (<Code>epk_…</Code> as shown under Customer keys), never the whole
                key
              </List.Item>
              <List.Item>The model ID, the endpoint and whether it streamed</List.Item>
              <List.Item>The time in UTC, the HTTP status and the error code</List.Item>
              <List.Item>Severity: critical, impaired, minor or question</List.Item>
            </List>
          </Stack>
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}
