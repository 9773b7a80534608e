import type { NodeStatus, OperatorSummary } from "@edgeplane/contracts";
import { Box, Group, Paper, SimpleGrid, Text, UnstyledButton } from "@mantine/core";
import { Link } from "react-router";
import { severitiesWorstFirst, severityStyles } from "../../lib/ops-states.ts";
import { nodeStatusStyles } from "../../lib/states.ts";

const shownStates: NodeStatus[] = ["online", "degraded", "offline", "maintenance", "pending"];

interface StatProps {
  label: string;
  value: number;
  detail: string;
  color: string;
  to: string;
  /** A count above zero that needs someone: the card shows its colour. */
  alarm?: boolean;
}

function Stat({ label, value, detail, color, to, alarm }: StatProps) {
  return (
    <UnstyledButton
      component={Link}
      to={to}
      aria-label={`${label}: ${value}`}
      data-testid={`stat-${label.toLowerCase().replace(/\s+/g, "-")}`}
    >
      <Paper
        withBorder
        p="md"
        h="100%"
        style={{
          display: "flex",
          flexDirection: "column",
          borderLeft: `4px solid var(--mantine-color-${color}-filled)`,
          background: alarm ? `var(--mantine-color-${color}-light)` : undefined,
        }}
      >
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          {label}
        </Text>
        {/* At the bottom, so the numbers line up when a label wraps to two lines. */}
        <Box mt="auto" pt={4}>
          <Text fz={28} fw={700} lh={1.2}>
            {value}
          </Text>
          <Text size="xs" c="dimmed">
            {detail}
          </Text>
        </Box>
      </Paper>
    </UnstyledButton>
  );
}

/** Node counts by state and GPUs online: the first thing an operator reads. */
export function FleetStats({ summary }: { summary: OperatorSummary }) {
  const { nodes, gpus } = summary;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
      {shownStates.map((state) => {
        const style = nodeStatusStyles[state];
        const value = nodes[state];
        return (
          <Stat
            key={state}
            label={`${style.label} nodes`}
            value={value}
            detail={`of ${nodes.total} ${nodes.total === 1 ? "node" : "nodes"}`}
            color={style.color}
            to={`/nodes?status=${state}`}
            alarm={value > 0 && (state === "degraded" || state === "offline")}
          />
        );
      })}
      <Stat
        label="GPUs online"
        value={gpus.online}
        detail={`of ${gpus.total} ${gpus.total === 1 ? "GPU" : "GPUs"}`}
        color="teal"
        to="/nodes?status=online"
      />
    </SimpleGrid>
  );
}

/** Open incidents by severity, critical first and in red. */
export function IncidentCounts({ counts }: { counts: OperatorSummary["openIncidents"] }) {
  return (
    <Group gap="sm" grow wrap="nowrap">
      {severitiesWorstFirst.map((severity) => {
        const { label, color } = severityStyles[severity];
        const n = counts[severity];
        return (
          <UnstyledButton
            key={severity}
            component={Link}
            to={`/incidents?severity=${severity}`}
            aria-label={`Open ${label.toLowerCase()} incidents: ${n}`}
            data-testid={`open-${severity}`}
          >
            <Box
              p="sm"
              style={{
                borderRadius: "var(--mantine-radius-sm)",
                border: `1px solid ${n > 0 ? `var(--mantine-color-${color}-outline)` : "var(--mantine-color-default-border)"}`,
                background: n > 0 ? `var(--mantine-color-${color}-light)` : undefined,
              }}
            >
              <Text
                fz={24}
                fw={700}
                lh={1.2}
                c={n > 0 ? `var(--mantine-color-${color}-text)` : "dimmed"}
              >
                {n}
              </Text>
              <Text size="xs" fw={600} c={n > 0 ? undefined : "dimmed"}>
                {label}
              </Text>
            </Box>
          </UnstyledButton>
        );
      })}
    </Group>
  );
}
