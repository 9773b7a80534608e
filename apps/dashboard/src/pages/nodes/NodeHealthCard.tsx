import { can, type Role } from "@edgeplane/contracts";
import { Card, Group, Stack, Text, Title } from "@mantine/core";
import { useNodeState } from "../../api/operations.ts";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { RelativeTime } from "../../components/RelativeTime.tsx";
import { SimulatedBadge } from "../../components/SimulatedBadge.tsx";
import { StartAgentHint } from "../../components/StartAgentHint.tsx";
import { StateBadge } from "../../components/StateBadge.tsx";
import { TableSkeleton } from "../../components/TableSkeleton.tsx";
import { UpdatedAgo } from "../../components/UpdatedAgo.tsx";
import { severityStyles } from "../../lib/ops-states.ts";
import { MaintenanceToggle } from "./MaintenanceToggle.tsx";
import { NodeTelemetry } from "./NodeTelemetry.tsx";

interface Props {
  orgId: string;
  nodeId: string;
  role: Role;
}

/** The node's state now and why, its newest telemetry, and the maintenance switch. */
export function NodeHealthCard({ orgId, nodeId, role }: Props) {
  const state = useNodeState(orgId, nodeId);
  const s = state.data;
  let body: React.ReactNode;
  if (state.isPending) body = <TableSkeleton rows={3} />;
  else if (!s) {
    body = (
      <ProblemAlert
        error={state.error}
        title="Could not load the node's health"
        onRetry={() => void state.refetch()}
      />
    );
  } else {
    body = (
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="md">
          <Stack gap={6}>
            <Group gap="xs">
              <StateBadge kind="node" state={s.status} />
              {s.since && (
                <Text size="sm" c="dimmed">
                  since <RelativeTime iso={s.since} />
                </Text>
              )}
            </Group>
            <Stack gap={4} aria-label="Why">
              {s.reasons.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {s.status === "pending"
                    ? "The node has not reported yet."
                    : s.status === "maintenance"
                      ? "In maintenance: health checks open no incidents."
                      : "Every health check passes."}
                </Text>
              ) : (
                s.reasons.map((r) => (
                  <Text key={r.code} size="sm">
                    <Text
                      span
                      fw={600}
                      c={`var(--mantine-color-${severityStyles[r.severity].color}-text)`}
                    >
                      {severityStyles[r.severity].label}:
                    </Text>{" "}
                    {r.message}{" "}
                    <Text span size="xs" c="dimmed">
                      (since <RelativeTime iso={r.since} size="xs" />
                      {r.clearingSince ? "; clearing, confirming before it goes" : ""})
                    </Text>
                  </Text>
                ))
              )}
            </Stack>
          </Stack>
          <MaintenanceToggle
            orgId={orgId}
            nodeId={nodeId}
            state={s}
            manage={can(role, "nodes.maintenance")}
          />
        </Group>
        {s.telemetry ? (
          <NodeTelemetry
            telemetry={s.telemetry}
            hot={s.reasons.some((r) => r.code === "gpu_temperature")}
          />
        ) : (
          <StartAgentHint />
        )}
      </Stack>
    );
  }
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="node-health">
      <Group justify="space-between" mb="md" gap="xs">
        <Title order={2} fz="md" id="node-health">
          Health
        </Title>
        <Group gap="sm">
          {s?.telemetry?.simulated && <SimulatedBadge />}
          <UpdatedAgo updatedAt={state.dataUpdatedAt} failed={state.isError} />
        </Group>
      </Group>
      {body}
    </Card>
  );
}
