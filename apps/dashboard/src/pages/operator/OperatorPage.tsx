import { can } from "@edgeplane/contracts";
import { Alert, Grid, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconPlugConnected, IconServer } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useOperatorSummary } from "../../api/operations.ts";
import { ListEmpty } from "../../components/ListEmpty.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { SimulatedBadge } from "../../components/SimulatedBadge.tsx";
import { StartAgentHint } from "../../components/StartAgentHint.tsx";
import { UpdatedAgo } from "../../components/UpdatedAgo.tsx";
import { useOrg } from "../../org/use-org.ts";
import { allNavItems } from "../../shell/nav.ts";
import { FleetStats, IncidentCounts } from "./FleetStats.tsx";
import { FleetTrend } from "./FleetTrend.tsx";
import { NeedsAttention } from "./NeedsAttention.tsx";
import { OpenIncidents } from "./OpenIncidents.tsx";
import { SitesHealth } from "./SitesHealth.tsx";

const purpose = allNavItems.find((i) => i.href === "/operator")?.purpose ?? "";

function Panel({
  title,
  children,
  label,
}: {
  title: string;
  children: ReactNode;
  label?: ReactNode;
}) {
  return (
    <Paper withBorder p="md" h="100%" component="section" aria-label={title}>
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} fz="md">
          {title}
        </Title>
        {label}
      </Group>
      {children}
    </Paper>
  );
}

/** Mission control: the fleet's state, what needs attention and why, live (every 5 s). */
export function OperatorPage() {
  const { org, role } = useOrg();
  const summary = useOperatorSummary(org.id);
  const data = summary.data;
  const live = (
    <Group gap="sm">
      {data?.simulated && <SimulatedBadge />}
      <UpdatedAgo updatedAt={summary.dataUpdatedAt} failed={summary.isError} />
    </Group>
  );
  const header = <PageHeader title="Mission control" purpose={purpose} action={live} />;

  if (summary.isPending) {
    return (
      <>
        {header}
        <SimpleGrid
          cols={{ base: 2, sm: 3, lg: 6 }}
          spacing="sm"
          aria-busy="true"
          aria-label="Loading"
        >
          {Array.from({ length: 6 }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
            <Skeleton key={i} height={92} />
          ))}
        </SimpleGrid>
        <Skeleton height={220} mt="md" />
      </>
    );
  }
  if (!data) {
    return (
      <>
        {header}
        <ProblemAlert
          error={summary.error}
          title="Could not load mission control"
          onRetry={() => void summary.refetch()}
        />
      </>
    );
  }
  if (data.nodes.total === 0) {
    return (
      <>
        {header}
        <ListEmpty
          icon={<IconServer size={28} />}
          title="No nodes yet"
          description="Mission control shows your fleet once it has nodes. Register a node, generate its key and start the agent on it."
          action={
            can(role, "nodes.write")
              ? { to: "/onboarding/node", label: "Register a node" }
              : undefined
          }
        />
      </>
    );
  }
  const reported = data.nodes.total - data.nodes.pending;
  return (
    <>
      {header}
      <Stack gap="md">
        {reported === 0 && (
          <Alert
            variant="light"
            color="blue"
            icon={<IconPlugConnected />}
            title="No node has reported yet"
          >
            <StartAgentHint />
          </Alert>
        )}
        <FleetStats summary={data} />
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Panel title="Open incidents">
              <Stack gap="md">
                <IncidentCounts counts={data.openIncidents} />
                <OpenIncidents orgId={org.id} />
              </Stack>
            </Panel>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Panel
              title="Usage trend"
              label={
                <Text size="xs" c="dimmed">
                  Fleet, last 24 h
                </Text>
              }
            >
              <FleetTrend orgId={org.id} />
            </Panel>
          </Grid.Col>
        </Grid>
        <Panel
          title="Needs attention"
          label={
            <Text size="xs" c="dimmed">
              {data.needsAttention.length} {data.needsAttention.length === 1 ? "node" : "nodes"}
            </Text>
          }
        >
          <NeedsAttention rows={data.needsAttention} />
        </Panel>
        <Panel title="Sites">
          <SitesHealth sites={data.sites} />
        </Panel>
      </Stack>
    </>
  );
}
