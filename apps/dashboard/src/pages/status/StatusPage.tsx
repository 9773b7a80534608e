import { type ComponentState, can, componentKinds } from "@edgeplane/contracts";
import { Anchor, Group, Paper, Skeleton, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import {
  IconActivityHeartbeat,
  IconAlertTriangle,
  IconCircleCheck,
  IconTool,
} from "@tabler/icons-react";
import { Link } from "react-router";
import { useStatusPage } from "../../api/operations.ts";
import { ListEmpty } from "../../components/ListEmpty.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RelativeTime } from "../../components/RelativeTime.tsx";
import { SimulatedBadge } from "../../components/SimulatedBadge.tsx";
import { StateBadge } from "../../components/StateBadge.tsx";
import { UpdatedAgo } from "../../components/UpdatedAgo.tsx";
import { componentStateStyles } from "../../lib/ops-states.ts";
import { useOrg } from "../../org/use-org.ts";
import { allNavItems } from "../../shell/nav.ts";
import { ComponentGroup } from "./ComponentGroup.tsx";

const purpose = allNavItems.find((i) => i.href === "/status")?.purpose ?? "";

const banners: Record<ComponentState, string> = {
  operational: "All systems operational",
  degraded_performance: "Some systems have degraded performance",
  partial_outage: "Partial outage",
  major_outage: "Major outage",
  under_maintenance: "Maintenance in progress",
};

function Banner({ state, asOf }: { state: ComponentState; asOf: string }) {
  const { color } = componentStateStyles[state];
  const Icon =
    state === "operational"
      ? IconCircleCheck
      : state === "under_maintenance"
        ? IconTool
        : IconAlertTriangle;
  return (
    <Paper
      p="md"
      radius="sm"
      role="status"
      data-testid="status-banner"
      style={{
        background: `var(--mantine-color-${color}-light)`,
        border: `1px solid var(--mantine-color-${color}-outline)`,
      }}
    >
      <Group gap="sm" wrap="nowrap">
        <ThemeIcon color={color} variant="filled" size="lg" radius="xl" aria-hidden>
          <Icon size={20} />
        </ThemeIcon>
        <div>
          <Title order={2} fz="lg">
            {banners[state]}
          </Title>
          <Text size="xs" c="dimmed">
            As of <RelativeTime iso={asOf} size="xs" />
          </Text>
        </div>
      </Group>
    </Paper>
  );
}

/** The status page: overall state, active incidents, each region, site and model with 90 days. */
export function StatusPage() {
  const { org, role } = useOrg();
  const status = useStatusPage(org.id);
  const data = status.data;
  const header = (
    <PageHeader
      title="Status"
      purpose={purpose}
      action={
        <Group gap="sm">
          {data?.simulated && <SimulatedBadge />}
          <UpdatedAgo updatedAt={status.dataUpdatedAt} failed={status.isError} />
        </Group>
      }
    />
  );
  if (status.isPending) {
    return (
      <>
        {header}
        <Stack gap="md" aria-busy="true" aria-label="Loading">
          <Skeleton height={72} />
          <Skeleton height={240} />
        </Stack>
      </>
    );
  }
  if (!data) {
    return (
      <>
        {header}
        <ProblemAlert
          error={status.error}
          title="Could not load the status"
          onRetry={() => void status.refetch()}
        />
      </>
    );
  }
  const groups = componentKinds
    .map((kind) => [kind, data.components.filter((c) => c.kind === kind)] as const)
    .filter(([, list]) => list.length > 0);
  return (
    <>
      {header}
      <Stack gap="md">
        <Banner state={data.overall} asOf={data.asOf} />
        {data.activeIncidents.length > 0 && (
          <Paper withBorder p="md" component="section" aria-labelledby="active-incidents">
            <Title order={2} fz="md" mb="sm" id="active-incidents">
              Active incidents
            </Title>
            <Stack gap="xs">
              {data.activeIncidents.map((i) => (
                <Group key={i.id} justify="space-between" gap="xs" wrap="nowrap">
                  <Group gap="xs" wrap="nowrap" miw={0}>
                    <StateBadge kind="severity" state={i.severity} />
                    <StateBadge kind="incident" state={i.status} />
                    <Anchor component={Link} to={`/incidents/${i.id}`} size="sm" truncate="end">
                      {i.title}
                    </Anchor>
                  </Group>
                  <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                    opened <RelativeTime iso={i.openedAt} size="xs" />
                  </Text>
                </Group>
              ))}
            </Stack>
          </Paper>
        )}
        {groups.length === 0 ? (
          <ListEmpty
            icon={<IconActivityHeartbeat size={28} />}
            title="Nothing to report yet"
            description="Components appear here once sites have nodes: each region, site and served model, with 90 days of uptime."
            action={
              can(role, "sites.write") ? { to: "/onboarding/site", label: "Add a site" } : undefined
            }
          />
        ) : (
          groups.map(([kind, list]) => (
            <ComponentGroup key={kind} kind={kind} components={list} days={data.days} />
          ))
        )}
      </Stack>
    </>
  );
}
